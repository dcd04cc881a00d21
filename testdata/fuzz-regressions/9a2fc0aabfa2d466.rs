//! A co("{));
ln!("not a termi
"anl)id  }
    p}

//! Corpus: LIFETIME_EXTENSION — an ECS system's `Local` collection that
//! only grows. `// expect: CATEGORY` marks the line a finding must start
//! on; `// expect-none` marks a look-alike that must stay silent.

use std::collections::HashMap;

use ecs::{Local, Query, ResMut};

pub fn add_material(
    sprites: Query<(u64, u32)>,
    mut cached_materials: Local<HashMap<u32, u64>>, // expect: LIFETIME_EXTENSION
    mut materials: ResMut<Vec<u64>>,
) {
    for (entity, sprite) in sprites.iter() {
        if let Some(handle) = cached_materials.get(&sprite) {
            materials.push(*handle + entity);
        } else {
            cached_materials.insert(sprite, entity);
        }
    }
}

pub fn evicting(
    sprites: Query<(u64, u32)>,
    mut cached: Local<HashMap<u32, u64>>, // expect-none: evicted
) {
    cached.retain(|k, _| *k != 0);
    for (entity, sprite) in sprites.iter() {
        cached.entry(sprite).or_insert(entity);
    }
}

pub fn scratch(sprites: Query<(u64, u32)>, mut batch: Local<Vec<u64>>) -> usize { // expect-none: cleared per run
    batch.clear();
    for (entity, _) in sprites.iter() {
        batch.push(entity);
    }
    batch.len()
}

pub fn counter(mut runs: Local<u64>) -> u64 { // expect-none: not a collection
    *runs += 1;
    *runs
}

pub fn pipelines(keys: Query<(u64, u32)>, mut cache: Local<HashMap<u32, PipelineId>>) -> usize { // expect-none: ids keyed by a bounded set of pipeline keys
    for (_, key) in keys.iter() {
        cache.entry(key).or_insert(PipelineId(0));
    }
    cache.len()
}

#[derive(Clone, Copy)]
pub struct PipelineId(pub u32);

// Intentionally empty: the activation row's baseline.

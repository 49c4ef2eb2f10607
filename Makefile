# Placeholder, replaced below

//! The installation administrator's pages: regions and the installation's settings.

//! Routes the `log` facade to the platform log: logcat on Android, the
//! unified log (os_log) on iOS. Nothing in Ward logs secrets.

/// The tag (Android) or subsystem (iOS) Ward's lines carry.
#[cfg(any(target_os = "android", target_os = "ios"))]
const LOG_TAG: &str = "app.ward.core";

/// Sends the core's log lines (info and above) to the platform log. Call
/// once at app start; later calls do nothing. A no-op on other platforms
/// (the JVM tests, desktop).
#[uniffi::export]
pub fn init_logging() {
    #[cfg(target_os = "android")]
    android_logger::init_once(
        android_logger::Config::default()
            .with_max_level(log::LevelFilter::Info)
            .with_tag(LOG_TAG),
    );
    #[cfg(target_os = "ios")]
    {
        // Err means a logger is already installed: nothing to do.
        let _ = oslog::OsLogger::new(LOG_TAG)
            .level_filter(log::LevelFilter::Info)
            .init();
    }
}

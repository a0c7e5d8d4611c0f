// Plugin versions for the whole build; the app module applies them.
// AGP 8.7 supports compileSdk 35 and needs Gradle 8.9 or newer (see gradle/wrapper).
plugins {
    id("com.android.application") version "8.7.3" apply false
    id("org.jetbrains.kotlin.android") version "2.2.21" apply false
}

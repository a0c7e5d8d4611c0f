// The Ward app: a Kotlin shell over the Rust core (ward-ffi) reached through
// UniFFI's generated Kotlin and JNA. Platform APIs only: no AndroidX, no Play
// services, no analytics. The only dependency is JNA.
plugins {
    id("com.android.application")
    id("org.jetbrains.kotlin.android")
}

/** The repository root (android/ is one level below it). */
val repoRoot: File = rootDir.parentFile

android {
    namespace = "app.ward"
    compileSdk = 35

    defaultConfig {
        applicationId = "app.ward"
        minSdk = 28
        targetSdk = 35
        versionCode = 1
        versionName = "0.1.0"
        ndk {
            abiFilters += listOf("arm64-v8a", "armeabi-v7a", "x86_64")
        }
    }

    buildTypes {
        release {
            isMinifyEnabled = true
            isShrinkResources = true
            proguardFiles(getDefaultProguardFile("proguard-android-optimize.txt"), "proguard-rules.pro")
        }
    }

    compileOptions {
        sourceCompatibility = JavaVersion.VERSION_17
        targetCompatibility = JavaVersion.VERSION_17
    }

    sourceSets {
        getByName("main") {
            java.srcDirs("src/main/kotlin")
            // Written by bindings/generate.sh; never committed.
            java.srcDirs(File(repoRoot, "bindings/generated/kotlin"))
        }
    }

    buildFeatures {
        buildConfig = false
    }

    packaging {
        jniLibs {
            // Rust libraries go in uncompressed and page-aligned (Android 15's 16 KB pages).
            useLegacyPackaging = false
        }
    }
}

kotlin {
    compilerOptions {
        jvmTarget.set(org.jetbrains.kotlin.gradle.dsl.JvmTarget.JVM_17)
    }
}

dependencies {
    // UniFFI's Kotlin calls the Rust library through JNA; the AAR carries
    // libjnidispatch.so for every Android ABI.
    implementation("net.java.dev.jna:jna:5.18.1@aar")
}

/**
 * Builds libward_ffi.so for arm64-v8a, armeabi-v7a and x86_64 into
 * src/main/jniLibs with cargo ndk (scripts/build-android.sh runs
 * `cargo ndk -t arm64-v8a -t armeabi-v7a -t x86_64 -o android/app/src/main/jniLibs
 *  build --profile release-mobile -p ward-ffi`). Needs the NDK (ANDROID_NDK_HOME
 * or the SDK's ndk/ folder), cargo-ndk and the three rustup targets.
 */
val buildRustCore by tasks.registering(Exec::class) {
    group = "ward"
    description = "Builds the Rust core for Android ABIs with cargo ndk."
    workingDir = repoRoot
    commandLine("bash", "scripts/build-android.sh")
}

/**
 * Generates the Kotlin bindings (package app.ward.core) into
 * bindings/generated/kotlin from the host build of ward-ffi (UniFFI library mode).
 */
val generateBindings by tasks.registering(Exec::class) {
    group = "ward"
    description = "Generates UniFFI's Kotlin bindings for ward-ffi."
    workingDir = repoRoot
    commandLine("bash", "bindings/generate.sh")
}

tasks.named("preBuild") {
    dependsOn(buildRustCore, generateBindings)
}

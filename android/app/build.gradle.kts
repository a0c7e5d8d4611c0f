// The Ward app: a Kotlin shell over the Rust core (ward-ffi) reached through
// UniFFI's generated Kotlin and JNA. Platform APIs only: no AndroidX, no Play
// services, no analytics. The only dependency is JNA.
import javax.inject.Inject
import org.gradle.process.ExecOperations

plugins {
    id("com.android.application")
    id("org.jetbrains.kotlin.android")
}

/** The repository root (android/ is one level below it). */
val repoRoot: File = rootDir.parentFile

android {
    namespace = "app.ward"
    compileSdk = 35
    // The NDK that builds the Rust core; AGP installs it if missing and reports its folder
    // through androidComponents.sdkComponents.ndkDirectory (see CargoNdkTask below).
    ndkVersion = "27.2.12479018"

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
 * Builds libward_ffi.so with cargo ndk (scripts/build-android.sh) into a
 * generated jniLibs folder of the variant, so Gradle packages it.
 *
 * - The NDK comes from AGP (`androidComponents.sdkComponents.ndkDirectory`:
 *   android.ndkVersion below, installed by the SDK manager, or ndk.dir/sdk.dir
 *   in local.properties), never from environment variables alone.
 * - Inputs (the Rust sources, manifests and lock file) and the output folder
 *   are declared, so an unchanged core is not rebuilt (UP-TO-DATE) and the
 *   build cache can reuse it.
 * - A debug build builds only the ABI being installed: Android Studio passes
 *   the device's ABIs as `android.injected.build.abi`; `-Pward.abis=x86_64`
 *   picks them by hand (e.g. for an emulator from the command line). Debug
 *   builds use cargo's dev profile; release builds all ABIs with the
 *   size-tuned release-mobile profile.
 */
abstract class CargoNdkTask : DefaultTask() {
    @get:Inject abstract val exec: ExecOperations

    @get:InputFiles @get:PathSensitive(PathSensitivity.RELATIVE)
    abstract val rustSources: ConfigurableFileCollection

    @get:Input abstract val abis: ListProperty<String>

    @get:Input abstract val profile: Property<String>

    @get:Input abstract val minSdk: Property<Int>

    /** The NDK folder; only its location matters (its content is versioned by ndkVersion). */
    @get:Internal abstract val ndkDirectory: DirectoryProperty

    @get:Input val ndkPath: Provider<String> get() = ndkDirectory.map { it.asFile.absolutePath }

    @get:Internal abstract val repoRoot: DirectoryProperty

    @get:OutputDirectory abstract val outputDir: DirectoryProperty

    @TaskAction
    fun build() {
        val out = outputDir.get().asFile
        out.deleteRecursively()
        out.mkdirs()
        exec.exec {
            workingDir = repoRoot.get().asFile
            commandLine("bash", "scripts/build-android.sh")
            environment("ANDROID_NDK_HOME", ndkPath.get())
            environment("WARD_ANDROID_ABIS", abis.get().joinToString(" "))
            environment("WARD_ANDROID_OUT", out.absolutePath)
            environment("WARD_RUST_PROFILE", profile.get())
            environment("WARD_ANDROID_API", minSdk.get().toString())
        }
    }
}

val allAbis = listOf("arm64-v8a", "armeabi-v7a", "x86_64")

/** The ABIs a variant's library is built for (see [CargoNdkTask]). */
fun abisFor(debuggable: Boolean): List<String> {
    val chosen = providers.gradleProperty("ward.abis").orNull
        ?: providers.gradleProperty("android.injected.build.abi").orNull?.takeIf { debuggable }
    return chosen?.split(',')?.map { it.trim() }?.filter { it in allAbis }?.distinct()?.ifEmpty { null } ?: allAbis
}

androidComponents {
    onVariants { variant ->
        val debuggable = variant.buildType == "debug"
        val taskName = "cargoNdk" + variant.name.replaceFirstChar { it.uppercase() }
        val cargo = tasks.register<CargoNdkTask>(taskName) {
            group = "ward"
            description = "Builds the Rust core (ward-ffi) for ${variant.name} with cargo ndk."
            rustSources.from(
                fileTree(File(repoRoot, "rust-core")) { include("src/**", "Cargo.toml", "build.rs") },
                fileTree(File(repoRoot, "bindings")) { include("src/**", "Cargo.toml", "build.rs", "uniffi.toml") },
                File(repoRoot, "Cargo.toml"),
                File(repoRoot, "Cargo.lock"),
                File(repoRoot, "scripts/build-android.sh"),
            )
            abis.set(abisFor(debuggable))
            profile.set(if (debuggable) "dev" else "release-mobile")
            minSdk.set(variant.minSdk.apiLevel)
            ndkDirectory.set(androidComponents.sdkComponents.ndkDirectory)
            this.repoRoot.set(rootProject.layout.projectDirectory.dir(".."))
            outputDir.set(layout.buildDirectory.dir("rustJniLibs/${variant.name}"))
        }
        variant.sources.jniLibs?.addGeneratedSourceDirectory(cargo, CargoNdkTask::outputDir)
    }
}

/**
 * Generates the Kotlin bindings (package app.ward.core) into
 * bindings/generated/kotlin from the host build of ward-ffi (UniFFI library
 * mode). Declared inputs and output: skipped while the FFI is unchanged.
 */
val generateBindings by tasks.registering(Exec::class) {
    group = "ward"
    description = "Generates UniFFI's Kotlin bindings for ward-ffi."
    workingDir = repoRoot
    commandLine("bash", "bindings/generate.sh")
    inputs.files(
        fileTree(File(repoRoot, "rust-core/src")),
        fileTree(File(repoRoot, "bindings/src")),
        File(repoRoot, "Cargo.lock"),
    ).withPathSensitivity(PathSensitivity.RELATIVE)
    outputs.dir(File(repoRoot, "bindings/generated/kotlin"))
}

tasks.named("preBuild") {
    dependsOn(generateBindings)
}

import WardAppLogic
import XCTest

/// The reminder rules shared with the Android app: remind when backups are
/// off, or when they have failed for more than 7 days.
final class BackupPlanTests: XCTestCase {
    private let day: UInt64 = 86_400
    private let now: UInt64 = 1_800_000_000

    func testBackupsOffAreReminded() {
        XCTAssertEqual(BackupPlan.reminder(for: BackupState(enabled: false), now: now), .backupsOff)
        XCTAssertNotNil(BackupPlan.message(for: .backupsOff, now: now))
    }

    func testOnWithNoAttemptYetIsQuiet() {
        XCTAssertEqual(BackupPlan.reminder(for: BackupState(enabled: true), now: now), .none)
        XCTAssertNil(BackupPlan.message(for: .none, now: now))
    }

    func testASuccessAfterTheLastFailureIsQuiet() {
        let state = BackupState(enabled: true, lastSuccess: now - 10 * day, lastFailure: now - 11 * day)
        XCTAssertEqual(BackupPlan.reminder(for: state, now: now), .none)
    }

    func testAFreshFailureIsNotRemindedYet() {
        let state = BackupState(
            enabled: true, lastSuccess: now - 6 * day, lastFailure: now - 60, lastError: "the folder is gone"
        )
        XCTAssertEqual(BackupPlan.reminder(for: state, now: now), .none)
    }

    func testFailingForMoreThanSevenDaysIsReminded() {
        let state = BackupState(
            enabled: true, lastSuccess: now - 8 * day, lastFailure: now - 60, lastError: "the folder is gone"
        )
        let reminder = BackupPlan.reminder(for: state, now: now)
        XCTAssertEqual(reminder, .failing(since: now - 8 * day, error: "the folder is gone"))
        let text = BackupPlan.message(for: reminder, now: now) ?? ""
        XCTAssertTrue(text.contains("8 days ago"), text)
        XCTAssertTrue(text.contains("The folder is gone."), text)
    }

    func testExactlySevenDaysIsStillQuiet() {
        let state = BackupState(enabled: true, lastSuccess: now - 7 * day, lastFailure: now - 1)
        XCTAssertEqual(BackupPlan.reminder(for: state, now: now), .none)
    }

    func testNeverSucceededAndFailedIsRemindedAtOnce() {
        let state = BackupState(enabled: true, lastFailure: now - 60, lastError: nil)
        XCTAssertEqual(BackupPlan.reminder(for: state, now: now), .failing(since: nil, error: nil))
    }

    func testStatusLines() {
        let state = BackupState(
            enabled: true, keep: 5, lastSuccess: now - 2 * 3600, lastFailure: now - 300, lastError: "disk full"
        )
        XCTAssertEqual(
            BackupPlan.status(of: state, now: now),
            "Last backup: 2 hours ago.\nLast attempt failed 5 minutes ago. Disk full.\nKeeps the newest 5."
        )
        XCTAssertEqual(BackupPlan.status(of: BackupState(enabled: false), now: now), "Automatic backups are off.")
        XCTAssertEqual(BackupPlan.ago(now - 1 * day, now: now), "1 day ago")
        XCTAssertEqual(BackupPlan.ago(now + 5, now: now), "just now")
    }

    func testSchedulerRunsOneBackupAtATimeAndLosesNoChange() {
        var scheduler = BackupScheduler()
        XCTAssertFalse(scheduler.vaultChanged(backupsEnabled: false))
        XCTAssertTrue(scheduler.vaultChanged(backupsEnabled: true))
        XCTAssertTrue(scheduler.isRunning)
        XCTAssertFalse(scheduler.vaultChanged(backupsEnabled: true))
        XCTAssertFalse(scheduler.vaultChanged(backupsEnabled: true))
        XCTAssertTrue(scheduler.backupFinished(), "the changes made meanwhile get one more backup")
        XCTAssertFalse(scheduler.backupFinished())
        XCTAssertFalse(scheduler.isRunning)
        XCTAssertTrue(scheduler.vaultChanged(backupsEnabled: true))
    }
}

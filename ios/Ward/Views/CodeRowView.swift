import SwiftUI
import WardAppLogic

/// One account in the list: names, the grouped code, the countdown and the
/// next code; HOTP rows ask before making a code; damaged rows say so.
/// While the screen is captured (`hidden`), codes are drawn as dots and
/// cannot be copied.
struct CodeRowView: View {
    let row: CodeRow<EntryID>
    let now: Date
    let hidden: Bool
    let onCopy: (String) -> Void
    let onNextHOTP: () -> Void

    var body: some View {
        switch row.content {
        case let .timed(code, nextCode, _, period):
            timed(code: code, nextCode: nextCode, countdown: Countdown(now: now, period: period))
        case let .hotp(counter, revealed):
            hotp(counter: counter, revealed: revealed)
        case let .damaged(reason):
            damaged(reason: reason)
        }
    }

    private var names: some View {
        VStack(alignment: .leading, spacing: 2) {
            Text(row.title)
                .font(.headline)
                .lineLimit(1)
            if !row.subtitle.isEmpty {
                Text(row.subtitle)
                    .font(.subheadline)
                    .foregroundStyle(.secondary)
                    .lineLimit(1)
            }
        }
    }

    private func codeText(_ code: String, warning: Bool) -> some View {
        Text(hidden ? CodeVisibility.hiddenPlaceholder : CodeGrouping.grouped(code))
            .font(.system(size: 34, weight: .semibold, design: .monospaced))
            .foregroundColor(warning ? .red : .primary)
            .accessibilityLabel(hidden ? "Hidden while the screen is recorded" : code.map(String.init).joined(separator: " "))
    }

    private func timed(code: String, nextCode: String, countdown: Countdown) -> some View {
        Button {
            if !hidden {
                onCopy(code)
            }
        } label: {
            HStack(alignment: .center, spacing: 12) {
                VStack(alignment: .leading, spacing: 4) {
                    names
                    codeText(code, warning: countdown.isEndingSoon)
                    Text("Next: \(hidden ? CodeVisibility.hiddenPlaceholder : CodeGrouping.grouped(nextCode))")
                        .font(.caption.monospacedDigit())
                        .foregroundStyle(.secondary)
                }
                Spacer()
                CountdownRing(countdown: countdown)
            }
            .contentShape(Rectangle())
        }
        .buttonStyle(.plain)
        .accessibilityHint("Copies the code")
    }

    private func hotp(counter: UInt64, revealed: String?) -> some View {
        HStack(alignment: .center, spacing: 12) {
            VStack(alignment: .leading, spacing: 4) {
                names
                if let revealed {
                    Button {
                        if !hidden {
                            onCopy(revealed)
                        }
                    } label: {
                        codeText(revealed, warning: false)
                    }
                    .buttonStyle(.plain)
                    .accessibilityHint("Copies the code")
                } else {
                    Text("Counter \(counter)")
                        .font(.caption.monospacedDigit())
                        .foregroundStyle(.secondary)
                }
            }
            Spacer()
            Button("Next code", action: onNextHOTP)
                .buttonStyle(.bordered)
                .accessibilityHint("Makes a new code and advances the counter")
        }
    }

    private func damaged(reason: String) -> some View {
        HStack(alignment: .top, spacing: 12) {
            Image(systemName: "exclamationmark.triangle.fill")
                .foregroundColor(.orange)
                .accessibilityHidden(true)
            VStack(alignment: .leading, spacing: 4) {
                Text(row.issuer.isEmpty && row.account.isEmpty ? "Damaged entry" : row.title)
                    .font(.headline)
                Text(reason)
                    .font(.caption)
                    .foregroundStyle(.secondary)
            }
        }
        .accessibilityElement(children: .combine)
    }
}

/// The ring that empties as the code's period runs out.
struct CountdownRing: View {
    let countdown: Countdown

    var body: some View {
        ZStack {
            Circle()
                .stroke(Color.secondary.opacity(0.25), lineWidth: 4)
            Circle()
                .trim(from: 0, to: countdown.fractionRemaining)
                .stroke(
                    countdown.isEndingSoon ? Color.red : Color.accentColor,
                    style: StrokeStyle(lineWidth: 4, lineCap: .round)
                )
                .rotationEffect(.degrees(-90))
            Text("\(countdown.secondsRemaining)")
                .font(.caption.monospacedDigit())
        }
        .frame(width: 36, height: 36)
        .accessibilityElement(children: .ignore)
        .accessibilityLabel("\(countdown.secondsRemaining) seconds left")
    }
}

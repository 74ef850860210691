namespace Digipaja.Core.Worksheets;

/// <summary>
/// The facilitator's timer as a small state machine: running until EndsAt, paused with PausedSeconds left, or stopped
/// (both null). Every screen counts down from the same end time, so only the state is stored and sent.
/// </summary>
public sealed record TimerState(DateTime? EndsAt, int? PausedSeconds)
{
    public const int MinMinutes = 1;
    public const int MaxMinutes = 180;
    public static readonly TimerState Stopped = new(null, null);

    public bool IsRunning => EndsAt is not null;
    public bool IsPaused => PausedSeconds is not null;

    /// <summary>Seconds left at <paramref name="now"/>: never below zero; null when stopped.</summary>
    public int? SecondsLeft(DateTime now) => PausedSeconds ?? (EndsAt is { } end ? Math.Max(0, (int)(end - now).TotalSeconds) : null);

    /// <summary>
    /// The state after a facilitator's action (start, pause, resume, extend, stop), or the key of the error that refuses
    /// it: an action that does not fit the state changes nothing.
    /// </summary>
    public (TimerState? Next, string? ErrorKey) Apply(string action, int minutes, DateTime now)
    {
        switch (action)
        {
            case "start" when minutes is >= MinMinutes and <= MaxMinutes:
                return (new TimerState(now.AddMinutes(minutes), null), null);
            case "start":
                return (null, "worksheet.timer_minutes");
            case "pause" when IsRunning:
                return (new TimerState(null, SecondsLeft(now)), null);
            case "resume" when PausedSeconds is { } paused:
                return (new TimerState(now.AddSeconds(paused), null), null);
            // One more minute; a timer that already ran out starts its minute from now.
            case "extend" when PausedSeconds is { } paused:
                return (this with { PausedSeconds = paused + 60 }, null);
            case "extend" when EndsAt is { } end:
                return (this with { EndsAt = (end < now ? now : end).AddMinutes(1) }, null);
            case "stop":
                return (Stopped, null);
            default:
                return (null, "worksheet.timer_not_running");
        }
    }
}

/// <summary>
/// Individual ideation: for a few minutes everyone writes alone in one section, and the notes written there stay
/// private to their authors until the facilitator reveals them (or starts the next section's ideation).
/// </summary>
public static class Ideation
{
    public const int MinMinutes = 1;
    public const int MaxMinutes = 60;

    public static string? CheckMinutes(int minutes) => minutes is >= MinMinutes and <= MaxMinutes ? null : "worksheet.ideation_minutes";

    /// <summary>A note is private when it is written in the section whose ideation is running.</summary>
    public static bool IsPrivateWhenWritten(string? ideationSectionKey, string? sectionKey) =>
        ideationSectionKey is not null && sectionKey == ideationSectionKey;

    /// <summary>A private note moved out of the ideating section becomes visible: privacy belongs to that section only.</summary>
    public static bool StaysPrivateAfterMove(bool wasPrivate, string? ideationSectionKey, string? targetSectionKey) =>
        wasPrivate && IsPrivateWhenWritten(ideationSectionKey, targetSectionKey);
}

/// <summary>
/// Dot voting: everyone has the same number of dots for one section's notes. Counts are blind while the vote is open,
/// so that the first dots do not steer the rest of the room, and shown ranked once it closes.
/// </summary>
public static class DotVote
{
    public static string? CheckVotesPerPerson(int votes) => votes is >= 1 and <= VoteSession.MaxVotesPerPerson ? null : "vote.votes_per_person";

    public static bool HasDotLeft(int used, int votesPerPerson) => used < votesPerPerson;

    public static bool CountsVisible(bool open) => !open;

    /// <summary>The notes with dots, most dots first; notes with equal dots keep the order they were given in.</summary>
    public static List<(T Item, int Dots)> Ranked<T>(IEnumerable<T> items, Func<T, Guid> id, IReadOnlyDictionary<Guid, int> counts) =>
        items.Select(item => (Item: item, Dots: counts.GetValueOrDefault(id(item))))
            .Where(r => r.Dots > 0)
            .OrderByDescending(r => r.Dots)
            .ToList();
}

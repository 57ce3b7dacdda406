using System.Globalization;
using System.Text;

namespace QuakeDetective.Core.Import;

/// <summary>The outcome of an import: per file, the subjects created, windows skipped with reasons, and notes.</summary>
public sealed record ImportResult
{
    public required int CampaignId { get; init; }

    public required string CampaignName { get; init; }

    /// <summary>True when the campaign did not exist and was created with default settings.</summary>
    public bool CampaignCreated { get; init; }

    /// <summary>The settings the windows were cut with, in words (e.g. "fixed 120 s windows every 120 s; pre1;demean;detrend;taper=0.05").</summary>
    public required string Settings { get; init; }

    public required IReadOnlyList<ImportFileReport> Files { get; init; }

    public int SubjectsCreated { get; init; }

    /// <summary>Windows whose subject was already in the campaign (same station, start and length).</summary>
    public int WindowsAlreadyPresent { get; init; }

    /// <summary>Skipped windows (at most <see cref="MaxListedSkippedWindows"/> listed; <see cref="SkippedWindowCount"/> counts all).</summary>
    public required IReadOnlyList<SkippedWindow> SkippedWindows { get; init; }

    public int SkippedWindowCount { get; init; }

    /// <summary>Other things worth knowing: channels without a vertical, events outside the data, ignored files.</summary>
    public required IReadOnlyList<string> Notes { get; init; }

    public bool Cancelled { get; init; }

    public TimeSpan Elapsed { get; init; }

    public const int MaxListedSkippedWindows = 200;

    public int Count(ImportFileStatus status) => Files.Count(f => f.Status == status);

    /// <summary>One line, e.g. "4 files: 3 imported, 1 failed; 42 subjects created in campaign 'Chile' (12 windows skipped)".</summary>
    public string Summary
    {
        get
        {
            var parts = new List<string>();
            foreach (var (status, word) in new[]
                     {
                         (ImportFileStatus.Imported, "imported"),
                         (ImportFileStatus.AlreadyImported, "already imported"),
                         (ImportFileStatus.NoSubjects, "without usable windows"),
                         (ImportFileStatus.Failed, "failed"),
                         (ImportFileStatus.NotStarted, "not started"),
                     })
            {
                var n = Count(status);
                if (n > 0)
                {
                    parts.Add($"{n} {word}");
                }
            }

            var text = new StringBuilder();
            text.Append(CultureInfo.InvariantCulture, $"{Files.Count} file{(Files.Count == 1 ? "" : "s")}");
            if (parts.Count > 0)
            {
                text.Append(": ").Append(string.Join(", ", parts));
            }

            text.Append(CultureInfo.InvariantCulture, $"; {SubjectsCreated} subject{(SubjectsCreated == 1 ? "" : "s")} created in campaign '{CampaignName}'");
            var extras = new List<string>();
            if (WindowsAlreadyPresent > 0)
            {
                extras.Add($"{WindowsAlreadyPresent} window{(WindowsAlreadyPresent == 1 ? "" : "s")} already present");
            }

            if (SkippedWindowCount > 0)
            {
                extras.Add($"{SkippedWindowCount} window{(SkippedWindowCount == 1 ? "" : "s")} skipped");
            }

            if (extras.Count > 0)
            {
                text.Append(" (").Append(string.Join(", ", extras)).Append(')');
            }

            if (Cancelled)
            {
                text.Append("; cancelled");
            }

            return text.ToString();
        }
    }
}

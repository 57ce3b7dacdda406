using QuakeDetective.Seismic.Windowing;

namespace QuakeDetective.Core.Import;

/// <summary>What to import where: files or folders (searched recursively) into a campaign, with optional overrides.</summary>
public sealed record ImportRequest
{
    public required string CampaignName { get; init; }

    /// <summary>Files and folders; folders are searched recursively (hidden files and obvious non-waveform files are ignored).</summary>
    public required IReadOnlyList<string> Paths { get; init; }

    /// <summary>Window length in seconds; null takes the campaign's (2000 s for a new campaign).</summary>
    public double? WindowSeconds { get; init; }

    /// <summary>Step between fixed windows; null takes the campaign's (back to back when it has none).</summary>
    public double? StepSeconds { get; init; }

    /// <summary>When given, one window per event at the surface-wave arrival instead of fixed windows.</summary>
    public IReadOnlyList<SeismicEvent>? Events { get; init; }

    /// <summary>Station coordinates (for event windows and the subjects' metadata); SAC headers are used when a station is not listed.</summary>
    public IReadOnlyList<StationCoordinates>? Stations { get; init; }

    /// <summary>Fraction of a window the vertical must cover; windows with more missing data are skipped with the reason.</summary>
    public double MinCoverage { get; init; } = WindowCutter.DefaultMinCoverage;

    /// <summary>False (default): a file with any unreadable record is skipped whole. True: its readable records are imported.</summary>
    public bool AcceptPartialFiles { get; init; }

    /// <summary>Creates the campaign with default settings when no campaign has this name.</summary>
    public bool CreateCampaignIfMissing { get; init; } = true;

    /// <summary>
    /// When set (site imports), every path must lie inside this folder and symbolic links are not followed, so that a
    /// request cannot reach files elsewhere on the server.
    /// </summary>
    public string? AllowedRoot { get; init; }

    /// <summary>
    /// When set (e.g. "upload"), imported files are recorded as "label:relative/name" instead of their full path, for
    /// files whose location is temporary.
    /// </summary>
    public string? SourceLabel { get; init; }

    /// <summary>Throws <see cref="ImportRequestException"/> naming the first setting that is wrong.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(CampaignName) || CampaignName.Trim().Length > 200)
        {
            throw new ImportRequestException("The campaign name must be 1 to 200 characters.");
        }

        if (Paths is null || Paths.Count == 0)
        {
            throw new ImportRequestException("Give at least one file or folder to import.");
        }

        if (WindowSeconds is { } window && !(window > 0 && window <= 7 * 86_400))
        {
            throw new ImportRequestException($"The window length must be more than 0 and at most a week (604800 s); got {window} s.");
        }

        if (StepSeconds is { } step && !(step > 0 && step <= 7 * 86_400))
        {
            throw new ImportRequestException($"The step between windows must be more than 0 and at most a week (604800 s); got {step} s.");
        }

        if (!(MinCoverage is >= 0 and <= 1))
        {
            throw new ImportRequestException($"The minimum coverage is a fraction from 0 to 1; got {MinCoverage}.");
        }
    }
}

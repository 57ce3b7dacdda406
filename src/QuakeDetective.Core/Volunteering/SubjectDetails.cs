namespace QuakeDetective.Core.Volunteering;

/// <summary>What the classify page, tutorial and field guide show about a subject besides its plot and sound.</summary>
/// <param name="SubjectId">The subject.</param>
/// <param name="CampaignId">Its campaign.</param>
/// <param name="CampaignName">The campaign's name.</param>
/// <param name="Station">NET.STA.LOC.</param>
/// <param name="Channels">Channel codes, vertical first.</param>
/// <param name="WindowStart">UTC start of the window.</param>
/// <param name="DurationSeconds">Length of the window in seconds of data.</param>
/// <param name="SpeedUp">Playback speed-up of the sound (400 by default).</param>
/// <param name="BandLowHz">Low corner of the campaign's band-pass.</param>
/// <param name="BandHighHz">High corner of the campaign's band-pass.</param>
/// <param name="FilterPlot">Whether the plot shows band-passed data.</param>
/// <param name="ShowHorizontalsByDefault">The campaign shows the horizontal components unless the volunteer hides them.</param>
/// <param name="FixedAmplitudeLimit">The campaign's fixed amplitude scale, or null for per-subject scaling.</param>
public sealed record SubjectDetails(
    long SubjectId,
    int CampaignId,
    string CampaignName,
    string Station,
    IReadOnlyList<string> Channels,
    DateTime WindowStart,
    double DurationSeconds,
    double SpeedUp,
    double BandLowHz,
    double BandHighHz,
    bool FilterPlot,
    bool ShowHorizontalsByDefault,
    double? FixedAmplitudeLimit)
{
    /// <summary>The vertical channel (first stored).</summary>
    public string VerticalChannel => Channels.Count > 0 ? Channels[0] : string.Empty;

    /// <summary>Whether there is anything to show besides the vertical component.</summary>
    public bool HasHorizontals => Channels.Count > 1;

    /// <summary>Length of the sound in seconds.</summary>
    public double SoundSeconds => SpeedUp > 0 ? DurationSeconds / SpeedUp : DurationSeconds;
}

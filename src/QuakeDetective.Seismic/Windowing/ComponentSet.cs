namespace QuakeDetective.Seismic.Windowing;

/// <summary>
/// The channels of one instrument at one station that make a subject: the vertical (Z) and, when present, the two
/// horizontals (N/E, or 1/2 for non-geographic orientations). Each component is a list of contiguous segments in time
/// order, so that gaps stay visible to the window cutter.
/// </summary>
public sealed class ComponentSet
{
    public ComponentSet(string stationKey, string channelPrefix, double sampleRate, IReadOnlyList<Trace> vertical,
        IReadOnlyList<Trace>? horizontal1 = null, IReadOnlyList<Trace>? horizontal2 = null)
    {
        ArgumentNullException.ThrowIfNull(vertical);
        if (vertical.Count == 0)
        {
            throw new ArgumentException("A component set needs at least one vertical segment.", nameof(vertical));
        }

        StationKey = stationKey;
        ChannelPrefix = channelPrefix;
        SampleRate = sampleRate;
        Vertical = vertical;
        Horizontal1 = horizontal1 ?? [];
        Horizontal2 = horizontal2 ?? [];
    }

    /// <summary>NET.STA.LOC.</summary>
    public string StationKey { get; }

    /// <summary>Band and instrument code shared by the channels, e.g. "BH" for BHZ/BHN/BHE.</summary>
    public string ChannelPrefix { get; }

    public double SampleRate { get; }

    public IReadOnlyList<Trace> Vertical { get; }

    /// <summary>N or 1 (empty when absent).</summary>
    public IReadOnlyList<Trace> Horizontal1 { get; }

    /// <summary>E or 2 (empty when absent).</summary>
    public IReadOnlyList<Trace> Horizontal2 { get; }

    public SeedId VerticalId => Vertical[0].Id;

    public string Network => VerticalId.Network;

    public string Station => VerticalId.Station;

    /// <summary>The components present, vertical first; each a list of segments.</summary>
    public IReadOnlyList<IReadOnlyList<Trace>> Components =>
        new[] { Vertical, Horizontal1, Horizontal2 }.Where(c => c.Count > 0).ToList();

    /// <summary>Channel codes present, vertical first, e.g. ["BHZ", "BHN", "BHE"].</summary>
    public IReadOnlyList<string> Channels => Components.Select(c => c[0].Id.Channel).ToList();

    /// <summary>Time of the first vertical sample.</summary>
    public long StartNs => Vertical.Min(t => t.StartTimeNs);

    /// <summary>One sample period after the last vertical sample (the exclusive end of the data).</summary>
    public long EndNs => Vertical.Max(t => t.EndTimeNs) + PeriodNs;

    public long PeriodNs => (long)Math.Round(1e9 / SampleRate);

    public override string ToString() => $"{StationKey}.{ChannelPrefix}? ({string.Join(',', Channels)}, {SampleRate} Hz)";
}

namespace QuakeDetective.Seismic;

/// <summary>A channel's SEED identifier NET.STA.LOC.CHA (the location code may be empty).</summary>
public readonly record struct SeedId(string Network, string Station, string Location, string Channel)
{
    /// <summary>Station key NET.STA.LOC, used to group the components of one instrument.</summary>
    public string StationKey => $"{Network}.{Station}.{Location}";

    /// <summary>The component letter: the last character of the channel code (Z, N, E, 1, 2 ...).</summary>
    public char Component => Channel.Length > 0 ? Channel[^1] : '?';

    public override string ToString() => $"{Network}.{Station}.{Location}.{Channel}";

    /// <summary>Parses NET.STA.LOC.CHA; throws <see cref="FormatException"/> when there are not four parts.</summary>
    public static SeedId Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split('.');
        if (parts.Length != 4)
        {
            throw new FormatException($"'{text}' is not a SEED id of the form NET.STA.LOC.CHA.");
        }

        return new SeedId(parts[0], parts[1], parts[2], parts[3]);
    }
}

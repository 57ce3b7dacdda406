namespace QuakeDetective.Seismic.Windowing;

/// <summary>
/// Groups trace segments by station (NET.STA.LOC) and instrument (band + instrument code, e.g. "BH") into
/// <see cref="ComponentSet"/>s: Z with N/E, or Z with 1/2 when the horizontals are not oriented north/east. Sets
/// without a vertical cannot become subjects and are listed as problems, as are channels of other orientations.
/// </summary>
public static class ComponentGrouper
{
    public static ComponentGrouping Group(IEnumerable<Trace> traces)
    {
        ArgumentNullException.ThrowIfNull(traces);
        var sets = new List<ComponentSet>();
        var problems = new List<string>();
        var byInstrument = traces
            .Where(t => t.Count > 0)
            .GroupBy(t => (t.Id.StationKey, Prefix: Prefix(t.Id.Channel)))
            .OrderBy(g => g.Key.StationKey, StringComparer.Ordinal)
            .ThenBy(g => g.Key.Prefix, StringComparer.Ordinal);
        foreach (var group in byInstrument)
        {
            var label = $"{group.Key.StationKey}.{group.Key.Prefix}?";
            var byComponent = group
                .GroupBy(t => char.ToUpperInvariant(t.Id.Component))
                .ToDictionary(g => g.Key, g => g.OrderBy(t => t.StartTimeNs).ToList());
            var channels = string.Join(',', byComponent.Values.Select(c => c[0].Id.Channel).Order(StringComparer.Ordinal));
            if (!byComponent.TryGetValue('Z', out var vertical))
            {
                problems.Add($"{label}: no vertical (Z) channel among {channels}, so no subjects were made from it");
                continue;
            }

            var rate = DominantRate(vertical);
            vertical = KeepRate(vertical, rate, problems);
            var geographic = byComponent.ContainsKey('N') || byComponent.ContainsKey('E');
            var (first, second) = geographic ? ('N', 'E') : ('1', '2');
            var h1 = byComponent.TryGetValue(first, out var a) ? KeepRate(a, rate, problems) : [];
            var h2 = byComponent.TryGetValue(second, out var b) ? KeepRate(b, rate, problems) : [];
            var unused = byComponent.Keys.Where(k => k != 'Z' && k != first && k != second).Order().ToList();
            if (unused.Count > 0)
            {
                problems.Add($"{label}: channel(s) {string.Join(',', unused.Select(k => byComponent[k][0].Id.Channel))} are not Z, N/E or 1/2 and were left out");
            }

            sets.Add(new ComponentSet(group.Key.StationKey, group.Key.Prefix, rate, vertical, h1, h2));
        }

        return new ComponentGrouping(sets, problems);
    }

    /// <summary>The channel code without its component letter ("BHZ" → "BH").</summary>
    public static string Prefix(string channel) => channel.Length > 1 ? channel[..^1] : string.Empty;

    private static double DominantRate(List<Trace> segments) =>
        segments.GroupBy(t => t.SampleRate).OrderByDescending(g => g.Sum(t => (long)t.Count)).ThenBy(g => g.Key).First().Key;

    private static List<Trace> KeepRate(List<Trace> segments, double rate, List<string> problems)
    {
        var kept = segments.Where(t => Math.Abs(t.SampleRate - rate) <= rate * 1e-6).ToList();
        if (kept.Count < segments.Count)
        {
            var other = segments.First(t => !kept.Contains(t));
            problems.Add($"{other.Id}: {segments.Count - kept.Count} segment(s) at {other.SampleRate} Hz instead of {rate} Hz were left out");
        }

        return kept;
    }
}

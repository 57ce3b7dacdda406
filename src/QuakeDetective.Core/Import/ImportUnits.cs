namespace QuakeDetective.Core.Import;

/// <summary>
/// Puts files that hold the same recording together, so that a station's Z, N and E in three files become one
/// 3-component set: two files belong together when they share an instrument and their spans overlap by at least half
/// of the shorter one (day files of consecutive days, which touch only at midnight, stay apart). Each group is imported
/// in one transaction.
/// </summary>
internal static class ImportUnits
{
    public static List<List<ImportFileEntry>> Build(IReadOnlyList<ImportFileEntry> entries)
    {
        var parent = Enumerable.Range(0, entries.Count).ToArray();
        int Find(int i)
        {
            while (parent[i] != i)
            {
                parent[i] = parent[parent[i]];
                i = parent[i];
            }

            return i;
        }

        var spans = entries
            .SelectMany((e, i) => e.Spans.Select(s => (Entry: i, Span: s)))
            .GroupBy(x => x.Span.Instrument, StringComparer.Ordinal);
        foreach (var instrument in spans)
        {
            var list = instrument.OrderBy(x => x.Span.StartNs).ToList();
            for (var a = 0; a < list.Count; a++)
            {
                for (var b = a + 1; b < list.Count && list[b].Span.StartNs < list[a].Span.EndNs; b++)
                {
                    if (list[a].Entry == list[b].Entry)
                    {
                        continue;
                    }

                    var overlap = Math.Min(list[a].Span.EndNs, list[b].Span.EndNs) - list[b].Span.StartNs;
                    var shorter = Math.Min(list[a].Span.Length, list[b].Span.Length);
                    if (overlap > 0 && overlap * 2 >= shorter)
                    {
                        parent[Find(list[a].Entry)] = Find(list[b].Entry);
                    }
                }
            }
        }

        return Enumerable.Range(0, entries.Count)
            .GroupBy(Find)
            .Select(g => g.Select(i => entries[i]).OrderBy(e => e.Index).ToList())
            .OrderBy(u => u[0].Index)
            .ToList();
    }
}

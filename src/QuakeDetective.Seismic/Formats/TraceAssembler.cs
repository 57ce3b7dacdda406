namespace QuakeDetective.Seismic.Formats;

/// <summary>
/// Merges records into contiguous segments the way libmseed's trace lists do: records of one SEED id and sampling rate
/// (rates equal within 0.01 %) are sorted by start time and joined when the next record starts within half a sample
/// period of where the segment's next sample is due; anything else starts a new segment and is reported as a gap or
/// overlap.
/// </summary>
internal static class TraceAssembler
{
    private const double RateTolerance = 1e-4;

    public static (List<Trace> Traces, List<TraceGap> Gaps) Assemble(IEnumerable<MiniSeedRecord> records)
    {
        var traces = new List<Trace>();
        var gaps = new List<TraceGap>();
        var groups = records
            .Where(r => r.SampleCount > 0 && r.SampleRate > 0 && r.Text is null)
            .GroupBy(r => r.Id)
            .OrderBy(g => g.Key.ToString(), StringComparer.Ordinal);
        foreach (var group in groups)
        {
            var perId = new List<Trace>();
            foreach (var cluster in ClusterByRate(group))
            {
                AssembleCluster(cluster, perId, gaps);
            }

            traces.AddRange(perId.OrderBy(t => t.StartTimeNs));
        }

        return (traces, gaps);
    }

    internal static bool RatesMatch(double a, double b) => Math.Abs(1 - a / b) < RateTolerance;

    private static List<List<MiniSeedRecord>> ClusterByRate(IEnumerable<MiniSeedRecord> records)
    {
        var clusters = new List<List<MiniSeedRecord>>();
        foreach (var record in records)
        {
            var cluster = clusters.Find(c => RatesMatch(c[0].SampleRate, record.SampleRate));
            if (cluster is null)
            {
                clusters.Add([record]);
            }
            else
            {
                cluster.Add(record);
            }
        }

        return clusters;
    }

    private static void AssembleCluster(List<MiniSeedRecord> records, List<Trace> traces, List<TraceGap> gaps)
    {
        // Stable order: by start time, then by position in the file.
        records.Sort((a, b) => a.StartTimeNs != b.StartTimeNs ? a.StartTimeNs.CompareTo(b.StartTimeNs) : a.ByteOffset.CompareTo(b.ByteOffset));
        var rate = records[0].SampleRate;
        var periodNs = 1e9 / rate;
        var segment = new List<MiniSeedRecord> { records[0] };
        var segmentEnd = records[0].EndTimeNs;
        long segmentCount = records[0].SampleCount;
        for (var i = 1; i < records.Count; i++)
        {
            var next = records[i];
            var expected = segmentEnd + periodNs;
            if (Math.Abs(next.StartTimeNs - expected) <= periodNs / 2)
            {
                if (segmentCount + next.SampleCount > Array.MaxLength)
                {
                    // More samples than one array can hold: continue in a new segment (contiguous, so no gap).
                    traces.Add(ToTrace(segment, rate));
                    segment = [];
                    segmentCount = 0;
                }

                segment.Add(next);
                segmentCount += next.SampleCount;
            }
            else
            {
                traces.Add(ToTrace(segment, rate));
                gaps.Add(new TraceGap(next.Id, rate, segmentEnd, next.StartTimeNs));
                segment = [next];
                segmentCount = next.SampleCount;
            }

            segmentEnd = next.EndTimeNs;
        }

        traces.Add(ToTrace(segment, rate));
    }

    private static Trace ToTrace(List<MiniSeedRecord> segment, double rate)
    {
        var total = 0;
        foreach (var record in segment)
        {
            total += record.SampleCount;
        }

        var samples = new double[total];
        var offset = 0;
        foreach (var record in segment)
        {
            record.CopyTo(samples, offset);
            offset += record.SampleCount;
        }

        return new Trace(segment[0].Id, segment[0].StartTimeNs, rate, samples);
    }
}

namespace QuakeDetective.Core.Tests.Consensus;

/// <summary>
/// A deliberately naive Dawid–Skene written straight from the paper's formulas (probabilities, not logs;
/// dictionaries, not flat arrays) to check the optimised implementation against on small inputs.
/// </summary>
internal static class ReferenceDawidSkene
{
    public static Dictionary<string, double[]> Run(
        IReadOnlyList<(string Subject, string Volunteer, int Answer)> votes,
        int k,
        double alpha,
        double beta,
        int iterations,
        IReadOnlyDictionary<string, int>? gold = null)
    {
        var subjects = votes.Select(v => v.Subject).Distinct().ToList();
        var volunteers = votes.Select(v => v.Volunteer).Distinct().ToList();
        var t = new Dictionary<string, double[]>();
        foreach (var s in subjects)
        {
            var row = new double[k];
            if (gold is not null && gold.TryGetValue(s, out var g))
            {
                row[g] = 1;
            }
            else
            {
                var mine = votes.Where(v => v.Subject == s).ToList();
                foreach (var v in mine)
                {
                    row[v.Answer] += 1.0 / mine.Count;
                }
            }

            t[s] = row;
        }

        for (var it = 0; it < iterations; it++)
        {
            var prior = new double[k];
            for (var c = 0; c < k; c++)
            {
                prior[c] = (subjects.Sum(s => t[s][c]) + beta) / (subjects.Count + (k * beta));
            }

            var pi = new Dictionary<string, double[,]>();
            foreach (var j in volunteers)
            {
                var m = new double[k, k];
                for (var c = 0; c < k; c++)
                {
                    var denominator = votes.Where(v => v.Volunteer == j).Sum(v => t[v.Subject][c]) + (k * alpha);
                    for (var l = 0; l < k; l++)
                    {
                        m[c, l] = (votes.Where(v => v.Volunteer == j && v.Answer == l).Sum(v => t[v.Subject][c]) + alpha) / denominator;
                    }
                }

                pi[j] = m;
            }

            foreach (var s in subjects)
            {
                if (gold is not null && gold.ContainsKey(s))
                {
                    continue;
                }

                var row = new double[k];
                for (var c = 0; c < k; c++)
                {
                    row[c] = prior[c];
                    foreach (var v in votes.Where(v => v.Subject == s))
                    {
                        row[c] *= pi[v.Volunteer][c, v.Answer];
                    }
                }

                var sum = row.Sum();
                t[s] = row.Select(x => x / sum).ToArray();
            }
        }

        return t;
    }
}

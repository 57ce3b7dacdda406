namespace QuakeDetective.Core.Consensus.Store;

/// <summary>
/// What the last Dawid–Skene run of a campaign estimated beyond the labels: class priors, convergence and each
/// volunteer's confusion matrix (expected counts, rows true class, columns answer). Kept as a JSON file in the
/// data folder because it is replaced whole on every run and read whole by the results pages.
/// </summary>
public sealed class DawidSkeneSnapshot
{
    public int CampaignId { get; set; }

    public DateTime ComputedAt { get; set; }

    public double ElapsedSeconds { get; set; }

    public int Iterations { get; set; }

    public bool Converged { get; set; }

    public double? LogLikelihood { get; set; }

    public List<string> Classes { get; set; } = [];

    public List<double> ClassPriors { get; set; } = [];

    public int SubjectCount { get; set; }

    public int VoteCount { get; set; }

    public int GoldCount { get; set; }

    public int? ModelVersionId { get; set; }

    /// <summary>The inputs the run saw (see <see cref="CampaignVotes.Fingerprint"/>).</summary>
    public string Fingerprint { get; set; } = "";

    /// <summary>Volunteer id (database id as text, or <see cref="ModelVoter.VolunteerId"/>) → row-major K×K expected counts.</summary>
    public Dictionary<string, double[]> Volunteers { get; set; } = [];

    public ConfusionMatrix? MatrixOf(string volunteerId) =>
        Volunteers.TryGetValue(volunteerId, out var counts) && counts.Length == Classes.Count * Classes.Count
            ? new ConfusionMatrix(Classes, counts)
            : null;

    /// <summary>Every human volunteer's expected counts added up: how the crowd answers each estimated true class.</summary>
    public ConfusionMatrix CrowdMatrix()
    {
        var k = Classes.Count;
        var sum = new double[k * k];
        foreach (var (volunteer, counts) in Volunteers)
        {
            if (volunteer == ModelVoter.VolunteerId || counts.Length != sum.Length)
            {
                continue;
            }

            for (var i = 0; i < sum.Length; i++)
            {
                sum[i] += counts[i];
            }
        }

        return new ConfusionMatrix(Classes, sum);
    }
}

using QuakeDetective.Core.Consensus;

namespace QuakeDetective.Core.Simulation;

/// <summary>
/// Generates a synthetic campaign (true classes, volunteers of varied skill and activity, their votes) and
/// scores aggregation methods against the truth. Deterministic for a given <see cref="CampaignSimulationOptions.Seed"/>.
/// </summary>
public sealed class CampaignSimulator(CampaignSimulationOptions options)
{
    private readonly CampaignSimulationOptions _options = options ?? throw new ArgumentNullException(nameof(options));

    public CampaignSimulationOptions Options => _options;

    /// <summary>Generates the campaign, runs each aggregator (default: all three) and measures accuracy.</summary>
    public CampaignSimulationResult Run(IEnumerable<IVoteAggregator>? aggregators = null, CancellationToken cancellationToken = default)
    {
        var campaign = Generate(cancellationToken);
        var list = aggregators?.ToList() ?? [.. AggregationMethods.All.Select(AggregationMethods.Create)];
        var results = new List<AggregationResult>();
        var accuracies = new List<MethodAccuracy>();
        foreach (var aggregator in list)
        {
            var result = aggregator.Aggregate(campaign.VoteSet, campaign.Gold, cancellationToken);
            results.Add(result);
            accuracies.Add(Score(campaign, result));
        }

        return new CampaignSimulationResult(campaign, results, accuracies, MeanVolunteerF1(campaign));
    }

    /// <summary>Generates subjects, volunteers and votes.</summary>
    public SimulatedCampaign Generate(CancellationToken cancellationToken = default)
    {
        _options.Validate();
        var random = new Random(_options.Seed);
        var classes = _options.Classes;
        var k = classes.Count;
        var subjectDigits = Math.Max(6, _options.Subjects.ToString(System.Globalization.CultureInfo.InvariantCulture).Length);
        var volunteerDigits = Math.Max(4, _options.Volunteers.ToString(System.Globalization.CultureInfo.InvariantCulture).Length);

        // Subjects and their true classes.
        var priorCumulative = Cumulative(_options.ClassPriors);
        var subjects = new SimulatedSubject[_options.Subjects];
        var truth = new int[_options.Subjects];
        for (var s = 0; s < subjects.Length; s++)
        {
            truth[s] = Draw(priorCumulative, random);
            var isGold = random.NextDouble() < _options.GoldFraction;
            subjects[s] = new SimulatedSubject("S" + s.ToString("D" + subjectDigits, System.Globalization.CultureInfo.InvariantCulture), classes[truth[s]], isGold);
        }

        // Volunteers: behaviour, skill and heavy-tailed activity.
        var volunteers = new SimulatedVolunteer[_options.Volunteers];
        var confusionCumulative = new double[volunteers.Length][];
        var activityCumulative = new double[volunteers.Length];
        var activityTotal = 0.0;
        for (var j = 0; j < volunteers.Length; j++)
        {
            var roll = random.NextDouble();
            var kind = roll < _options.SpammerFraction / 2 ? SimulatedVolunteerKind.RandomSpammer
                : roll < _options.SpammerFraction ? SimulatedVolunteerKind.ConstantSpammer
                : SimulatedVolunteerKind.Regular;
            var confusion = VolunteerConfusion(kind, random);
            var activity = _options.ActivityShape is { } shape ? Math.Pow(1 - random.NextDouble(), -1 / shape) : 1;
            volunteers[j] = new SimulatedVolunteer("V" + j.ToString("D" + volunteerDigits, System.Globalization.CultureInfo.InvariantCulture), kind, activity, confusion);
            confusionCumulative[j] = new double[k * k];
            for (var t = 0; t < k; t++)
            {
                var sum = 0.0;
                for (var a = 0; a < k; a++)
                {
                    sum += confusion[(t * k) + a];
                    confusionCumulative[j][(t * k) + a] = sum;
                }
            }

            activityTotal += activity;
            activityCumulative[j] = activityTotal;
        }

        // Votes: each subject gets R different volunteers, drawn by activity without replacement.
        var r = _options.VotesPerSubject;
        var votes = new List<Vote>(_options.Subjects * r);
        var chosen = new HashSet<int>();
        var picked = new int[r];
        for (var s = 0; s < subjects.Length; s++)
        {
            if ((s & 0x3FFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            PickVolunteers(activityCumulative, activityTotal, random, chosen, picked);
            foreach (var j in picked)
            {
                var row = confusionCumulative[j].AsSpan(truth[s] * k, k);
                votes.Add(new Vote(subjects[s].Id, volunteers[j].Id, classes[Draw(row, random)]));
            }
        }

        var gold = new GoldLabels(subjects.Where(s => s.IsGold).Select(s => KeyValuePair.Create(s.Id, s.TrueLabel)));
        return new SimulatedCampaign(_options, subjects, volunteers, votes, VoteSet.Create(votes, classes), gold);
    }

    /// <summary>Accuracy of one method's labels on the non-gold subjects, overall and per true class.</summary>
    public static MethodAccuracy Score(SimulatedCampaign campaign, AggregationResult result)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        ArgumentNullException.ThrowIfNull(result);
        var classes = campaign.Classes;
        var right = new int[classes.Count];
        var total = new int[classes.Count];
        var classIndex = classes.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i, StringComparer.Ordinal);
        foreach (var subject in campaign.Subjects)
        {
            if (subject.IsGold || result.Find(subject.Id) is not { } consensus)
            {
                continue;
            }

            var t = classIndex[subject.TrueLabel];
            total[t]++;
            if (consensus.Label == subject.TrueLabel)
            {
                right[t]++;
            }
        }

        var evaluated = total.Sum();
        var perClass = new Dictionary<string, double?>(StringComparer.Ordinal);
        for (var c = 0; c < classes.Count; c++)
        {
            perClass[classes[c]] = total[c] > 0 ? right[c] / (double)total[c] : null;
        }

        return new MethodAccuracy(result.Method, evaluated > 0 ? right.Sum() / (double)evaluated : 0, perClass, evaluated, result.Iterations, result.Converged);
    }

    /// <summary>Mean over volunteers (with enough votes) of each volunteer's F1 per class against the truth.</summary>
    public static IReadOnlyDictionary<string, double?> MeanVolunteerF1(SimulatedCampaign campaign)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        var all = new GoldLabels(campaign.Subjects.Select(s => KeyValuePair.Create(s.Id, s.TrueLabel)));
        var skills = VolunteerSkillEstimator.FromGold(campaign.VoteSet, all)
            .Where(v => v.VoteCount >= campaign.Options.MinVotesForVolunteerF1)
            .ToList();
        var result = new Dictionary<string, double?>(StringComparer.Ordinal);
        foreach (var label in campaign.Classes)
        {
            var values = skills.Select(v => v.F1(label)).OfType<double>().ToList();
            result[label] = values.Count > 0 ? values.Average() : null;
        }

        return result;
    }

    private double[] VolunteerConfusion(SimulatedVolunteerKind kind, Random random)
    {
        var k = _options.Classes.Count;
        var confusion = new double[k * k];
        switch (kind)
        {
            case SimulatedVolunteerKind.RandomSpammer:
                Array.Fill(confusion, 1.0 / k);
                return confusion;
            case SimulatedVolunteerKind.ConstantSpammer:
                var answer = random.Next(k);
                for (var t = 0; t < k; t++)
                {
                    confusion[(t * k) + answer] = 1;
                }

                return confusion;
        }

        if (_options.UniformAccuracy is { } accuracy)
        {
            for (var t = 0; t < k; t++)
            {
                for (var a = 0; a < k; a++)
                {
                    confusion[(t * k) + a] = t == a ? accuracy : (1 - accuracy) / (k - 1);
                }
            }

            return confusion;
        }

        // One skill offset per person (good volunteers are good at every class), applied to the diagonal.
        var offset = _options.SkillSpread * Gaussian(random);
        for (var t = 0; t < k; t++)
        {
            var row = _options.BaseConfusion.Skip(t * k).Take(k).ToArray();
            var rowSum = row.Sum();
            var baseRight = rowSum > 0 ? row[t] / rowSum : 1.0 / k;
            var right = Math.Clamp(baseRight + offset, 0.05, 0.99);
            var wrongBase = rowSum - row[t];
            for (var a = 0; a < k; a++)
            {
                confusion[(t * k) + a] = a == t ? right
                    : wrongBase > 0 ? (1 - right) * row[a] / wrongBase
                    : (1 - right) / (k - 1);
            }
        }

        return confusion;
    }

    private static void PickVolunteers(double[] cumulative, double total, Random random, HashSet<int> chosen, int[] picked)
    {
        chosen.Clear();
        var n = 0;
        var attempts = 0;
        while (n < picked.Length && attempts < 64 * picked.Length)
        {
            attempts++;
            var j = Array.BinarySearch(cumulative, random.NextDouble() * total);
            j = j < 0 ? ~j : j;
            j = Math.Min(j, cumulative.Length - 1);
            if (chosen.Add(j))
            {
                picked[n++] = j;
            }
        }

        // Very active volunteers already taken: fill the rest uniformly from the others.
        while (n < picked.Length)
        {
            var j = random.Next(cumulative.Length);
            if (chosen.Add(j))
            {
                picked[n++] = j;
            }
        }
    }

    private static double[] Cumulative(IReadOnlyList<double> weights)
    {
        var result = new double[weights.Count];
        var total = weights.Sum();
        var sum = 0.0;
        for (var i = 0; i < weights.Count; i++)
        {
            sum += weights[i] / total;
            result[i] = sum;
        }

        return result;
    }

    private static int Draw(ReadOnlySpan<double> cumulative, Random random)
    {
        var u = random.NextDouble() * cumulative[^1];
        for (var i = 0; i < cumulative.Length - 1; i++)
        {
            if (u < cumulative[i])
            {
                return i;
            }
        }

        return cumulative.Length - 1;
    }

    private static double Gaussian(Random random)
    {
        // Box–Muller; 1 − U keeps the logarithm finite.
        var u1 = 1 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}

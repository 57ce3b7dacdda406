namespace QuakeDetective.Core.Consensus;

/// <summary>
/// Dawid &amp; Skene (1979) maximum-likelihood estimation of volunteer error rates by EM: every volunteer j
/// has a confusion matrix π_j[k, l] = P(answer l | true class k), classes have priors p_k, and the true
/// class of each subject is latent.
/// </summary>
/// <remarks>
/// <para>Start: class posteriors T[s, k] = the subject's vote shares (soft majority vote); gold subjects one-hot.</para>
/// <para>M-step: p_k = (Σ_s T[s,k] + β) / (S + Kβ); π_j[k,l] = (Σ_{votes of j that say l} T[s,k] + α) / (Σ_{votes of j} T[s,k] + Kα).</para>
/// <para>E-step: log T[s,k] ∝ log p_k + Σ_{votes on s} log π_j[k, l], normalised by log-sum-exp; gold subjects stay one-hot.
/// The log-sum-exp terms add up to the marginal log-likelihood of the votes.</para>
/// <para>Stops when the log-likelihood changes by less than <see cref="DawidSkeneOptions.Tolerance"/> per vote, or at the cap.
/// No randomness; every loop runs in subject, then vote order, so results are bit-for-bit reproducible.</para>
/// </remarks>
public sealed class DawidSkeneAggregator(DawidSkeneOptions? options = null) : IVoteAggregator
{
    private readonly DawidSkeneOptions _options = options ?? new DawidSkeneOptions();

    public string Method => AggregationMethods.DawidSkene;

    public DawidSkeneOptions Options => _options;

    public AggregationResult Aggregate(VoteSet votes, GoldLabels? gold, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(votes);
        _options.Validate();
        var goldClass = votes.GoldClassPerSubject(gold);
        var k = votes.ClassCount;
        var subjectCount = votes.SubjectCount;
        var counts = ConsensusBuilder.CountVotes(votes);

        // T[s, k], row-major; initialised from the soft majority vote.
        var posterior = new double[subjectCount * k];
        for (var s = 0; s < subjectCount; s++)
        {
            var row = s * k;
            if (goldClass[s] >= 0)
            {
                posterior[row + goldClass[s]] = 1;
                continue;
            }

            var n = (double)votes.VotesOf(s);
            for (var c = 0; c < k; c++)
            {
                posterior[row + c] = counts[row + c] / n;
            }
        }

        var state = new EmState(votes.VolunteerCount, k);
        var logLikelihood = double.NegativeInfinity;
        var converged = false;
        var iterations = 0;
        var tolerance = _options.Tolerance * Math.Max(1, votes.VoteCount);
        while (iterations < _options.MaxIterations)
        {
            cancellationToken.ThrowIfCancellationRequested();
            iterations++;
            MStep(votes, posterior, state);
            var next = EStep(votes, goldClass, posterior, state);
            var change = Math.Abs(next - logLikelihood);
            logLikelihood = next;
            if (change <= tolerance)
            {
                converged = true;
                break;
            }
        }

        var subjects = new SubjectConsensus[subjectCount];
        Span<double> scores = stackalloc double[k];
        for (var s = 0; s < subjectCount; s++)
        {
            var row = posterior.AsSpan(s * k, k);
            row.CopyTo(scores);
            var chosen = ConsensusBuilder.ArgMax(scores, out var isTie);
            subjects[s] = ConsensusBuilder.Build(votes, s, counts.AsSpan(s * k, k), row.ToArray(), chosen, isTie, goldClass[s] >= 0);
        }

        // Volunteer skill: expected confusion counts under the final posteriors (what the last M-step would use).
        MStep(votes, posterior, state);
        var skills = new VolunteerSkill[votes.VolunteerCount];
        var matrix = new double[k * k];
        for (var j = 0; j < votes.VolunteerCount; j++)
        {
            for (var truth = 0; truth < k; truth++)
            {
                for (var answer = 0; answer < k; answer++)
                {
                    matrix[(truth * k) + answer] = state.Counts[(((j * k) + answer) * k) + truth];
                }
            }

            skills[j] = new VolunteerSkill(votes.VolunteerIds[j], VolunteerSkillSource.DawidSkene, new ConfusionMatrix(votes.Classes, matrix));
        }

        var priors = new double[k];
        for (var c = 0; c < k; c++)
        {
            priors[c] = Math.Exp(state.LogPrior[c]);
        }

        return new AggregationResult
        {
            Method = Method,
            Classes = votes.Classes,
            Subjects = subjects,
            Volunteers = skills,
            ClassPriors = priors,
            Iterations = iterations,
            Converged = converged,
            LogLikelihood = logLikelihood,
        };
    }

    /// <summary>Class priors and confusion matrices from the current posteriors.</summary>
    internal void MStep(VoteSet votes, double[] posterior, EmState state)
    {
        var k = state.ClassCount;
        var subjectCount = votes.SubjectCount;

        // Priors.
        var beta = _options.PriorSmoothing;
        var mass = new double[k];
        for (var s = 0; s < subjectCount; s++)
        {
            var row = s * k;
            for (var c = 0; c < k; c++)
            {
                mass[c] += posterior[row + c];
            }
        }

        var priorDenominator = subjectCount + (k * beta);
        for (var c = 0; c < k; c++)
        {
            state.LogPrior[c] = Math.Log(Math.Max((mass[c] + beta) / priorDenominator, _options.ProbabilityFloor));
        }

        // Expected counts, layout [volunteer][answer][true class] so both steps read K contiguous values per vote.
        var expected = state.Counts;
        Array.Clear(expected);
        DawidSkeneKernels.AccumulateExpectedCounts(votes, posterior, expected, k);

        // Normalise each (volunteer, true class) row over the answers.
        var alpha = _options.Smoothing;
        var floor = _options.ProbabilityFloor;
        var logPi = state.LogConfusion;
        var rowTotals = new double[k];
        for (var j = 0; j < state.VolunteerCount; j++)
        {
            var block = j * k * k;
            Array.Clear(rowTotals);
            for (var answer = 0; answer < k; answer++)
            {
                for (var c = 0; c < k; c++)
                {
                    rowTotals[c] += expected[block + (answer * k) + c];
                }
            }

            for (var c = 0; c < k; c++)
            {
                var denominator = rowTotals[c] + (k * alpha);

                // A true class the volunteer never (softly) saw, without smoothing: no information, so uniform.
                var uniform = denominator <= 0;
                for (var answer = 0; answer < k; answer++)
                {
                    var p = uniform ? 1.0 / k : (expected[block + (answer * k) + c] + alpha) / denominator;
                    logPi[block + (answer * k) + c] = Math.Log(Math.Max(p, floor));
                }
            }
        }
    }

    /// <summary>Posteriors from the current parameters; returns the marginal log-likelihood.</summary>
    internal static double EStep(VoteSet votes, int[] gold, double[] posterior, EmState state)
    {
        var k = state.ClassCount;
        var logPi = state.LogConfusion;
        var logPrior = state.LogPrior;
        Span<double> acc = stackalloc double[k];
        var logLikelihood = 0.0;
        for (var s = 0; s < votes.SubjectCount; s++)
        {
            DawidSkeneKernels.SumLogLikelihoods(votes, s, logPrior, logPi, acc);
            var row = s * k;
            var g = gold[s];
            if (g >= 0)
            {
                // Known class: its complete-data likelihood; the posterior stays clamped.
                logLikelihood += acc[g];
                continue;
            }

            var max = acc[0];
            for (var c = 1; c < k; c++)
            {
                max = Math.Max(max, acc[c]);
            }

            var sum = 0.0;
            for (var c = 0; c < k; c++)
            {
                var e = Math.Exp(acc[c] - max);
                posterior[row + c] = e;
                sum += e;
            }

            var inverse = 1.0 / sum;
            for (var c = 0; c < k; c++)
            {
                posterior[row + c] *= inverse;
            }

            logLikelihood += max + Math.Log(sum);
        }

        return logLikelihood;
    }

    /// <summary>Parameters of one EM run, in flat arrays.</summary>
    internal sealed class EmState(int volunteerCount, int classCount)
    {
        public int VolunteerCount { get; } = volunteerCount;

        public int ClassCount { get; } = classCount;

        public double[] LogPrior { get; } = new double[classCount];

        /// <summary>log π, layout [volunteer][answer][true class].</summary>
        public double[] LogConfusion { get; } = new double[volunteerCount * classCount * classCount];

        /// <summary>Expected counts, same layout.</summary>
        public double[] Counts { get; } = new double[volunteerCount * classCount * classCount];
    }
}

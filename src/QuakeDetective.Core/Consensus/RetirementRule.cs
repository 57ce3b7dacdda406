using System.Globalization;
using QuakeDetective.Core.Domain;

namespace QuakeDetective.Core.Consensus;

/// <summary>
/// When a subject stops being shown. Defaults follow the original project: at most 10 votes; earlier
/// when all of 4–5 votes agree, ≥ 80 % of 6–7, ≥ 70 % of 8–10. A tied lead is never a consensus.
/// When the vote limit is reached and the consensus threshold for that count is also met, the reason is
/// <see cref="RetirementReason.EarlyConsensus"/> (the more informative of the two).
/// </summary>
public sealed record RetirementRule
{
    /// <summary>Small slack so that e.g. 7 of 10 meets 0.7 despite binary floating point.</summary>
    private const double Slack = 1e-9;

    public static IReadOnlyList<ConsensusThreshold> DefaultThresholds { get; } =
    [
        new(4, 5, 1.0),
        new(6, 7, 0.8),
        new(8, 10, 0.7),
    ];

    /// <summary>Retire at this many votes whatever they say (≥ 1).</summary>
    public int MaxVotes { get; init; } = 10;

    /// <summary>Early-consensus thresholds: vote-count ranges that must not overlap.</summary>
    public IReadOnlyList<ConsensusThreshold> Thresholds { get; init; } = DefaultThresholds;

    /// <summary>
    /// The rule of a campaign: its vote limit and, when early consensus is on, its thresholds written as
    /// "minVotes-maxVotes:agreement" separated by ';' (e.g. "4-5:1.0;6-7:0.8;8-10:0.7"; a single count "4:1" is allowed).
    /// </summary>
    /// <exception cref="ArgumentException">The thresholds cannot be read or the rule is invalid; the message says where.</exception>
    public static RetirementRule FromSettings(RetirementSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var rule = new RetirementRule
        {
            MaxVotes = settings.MaxVotes,
            Thresholds = settings.EarlyConsensusEnabled ? ParseThresholds(settings.EarlyConsensusRules) : [],
        };
        rule.EnsureValid();
        return rule;
    }

    /// <summary>Reads thresholds written as "4-5:1.0;6-7:0.8;8-10:0.7" (agreement as a share, or a percentage such as "80%").</summary>
    /// <exception cref="ArgumentException">A part cannot be read; the message names it.</exception>
    public static IReadOnlyList<ConsensusThreshold> ParseThresholds(string? text)
    {
        var thresholds = new List<ConsensusThreshold>();
        if (string.IsNullOrWhiteSpace(text))
        {
            return thresholds;
        }

        var parts = text.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < parts.Length; i++)
        {
            var part = parts[i];
            var colon = part.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
            {
                throw new ArgumentException($"Early-consensus rule {i + 1} '{part}' lacks ':'; write it as minVotes-maxVotes:agreement, e.g. 6-7:0.8.");
            }

            var range = part[..colon].Trim();
            var dash = range.IndexOf('-', StringComparison.Ordinal);
            var minText = dash < 0 ? range : range[..dash].Trim();
            var maxText = dash < 0 ? range : range[(dash + 1)..].Trim();
            if (!int.TryParse(minText, NumberStyles.None, CultureInfo.InvariantCulture, out var min) ||
                !int.TryParse(maxText, NumberStyles.None, CultureInfo.InvariantCulture, out var max))
            {
                throw new ArgumentException($"Early-consensus rule {i + 1} '{part}': the vote range '{range}' is not 'min-max' in whole numbers.");
            }

            var agreementText = part[(colon + 1)..].Trim();
            var percent = agreementText.EndsWith('%');
            if (!double.TryParse(percent ? agreementText[..^1] : agreementText, NumberStyles.Float, CultureInfo.InvariantCulture, out var agreement))
            {
                throw new ArgumentException($"Early-consensus rule {i + 1} '{part}': the agreement '{agreementText}' is not a number (write 0.8 or 80%).");
            }

            thresholds.Add(new ConsensusThreshold(min, max, percent ? agreement / 100 : agreement));
        }

        return thresholds;
    }

    /// <summary>The thresholds written back in the form <see cref="ParseThresholds"/> reads.</summary>
    public static string FormatThresholds(IEnumerable<ConsensusThreshold> thresholds) =>
        string.Join(';', thresholds.Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.MinVotes}-{t.MaxVotes}:{t.RequiredAgreement}")));

    /// <summary>Every problem with the rule, as messages a campaign editor can show; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (MaxVotes < 1)
        {
            errors.Add($"The vote limit must be at least 1 (got {MaxVotes}).");
        }

        if (Thresholds is null)
        {
            errors.Add("The list of consensus thresholds is missing (use an empty list for none).");
            return errors;
        }

        for (var i = 0; i < Thresholds.Count; i++)
        {
            var t = Thresholds[i];
            var name = $"Consensus threshold {i + 1} ({t.MinVotes}–{t.MaxVotes} votes)";
            if (t.MinVotes < 1)
            {
                errors.Add($"{name}: the smallest vote count must be at least 1 (got {t.MinVotes}).");
            }

            if (t.MaxVotes < t.MinVotes)
            {
                errors.Add($"{name}: the largest vote count ({t.MaxVotes}) is below the smallest ({t.MinVotes}).");
            }

            if (!(t.RequiredAgreement > 0 && t.RequiredAgreement <= 1))
            {
                errors.Add($"{name}: the required agreement must be above 0 and at most 1 (e.g. 0.7 for 70 %), got {t.RequiredAgreement}.");
            }

            if (MaxVotes >= 1 && t.MinVotes > MaxVotes)
            {
                errors.Add($"{name}: starts above the vote limit of {MaxVotes}, so it can never apply.");
            }

            for (var j = 0; j < i; j++)
            {
                var other = Thresholds[j];
                if (t.MinVotes <= other.MaxVotes && other.MinVotes <= t.MaxVotes)
                {
                    errors.Add($"{name} overlaps consensus threshold {j + 1} ({other.MinVotes}–{other.MaxVotes} votes); each vote count may have one threshold only.");
                }
            }
        }

        return errors;
    }

    /// <summary>Throws <see cref="ArgumentException"/> listing every problem when the rule is invalid.</summary>
    public void EnsureValid()
    {
        var errors = Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid retirement rule: " + string.Join(" ", errors));
        }
    }

    /// <summary>Decides from the votes per answer so far (answer → count).</summary>
    /// <exception cref="ArgumentException">The rule is invalid or a count is negative.</exception>
    public RetirementDecision Evaluate(IReadOnlyDictionary<string, int> countsPerAnswer)
    {
        ArgumentNullException.ThrowIfNull(countsPerAnswer);
        EnsureValid();
        var total = 0;
        var best = 0;
        string? leader = null;
        var tied = false;

        // Ordinal order so that the result never depends on the dictionary's enumeration order.
        foreach (var (answer, count) in countsPerAnswer.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (count < 0)
            {
                throw new ArgumentException($"The vote count of answer '{answer}' is negative ({count}).", nameof(countsPerAnswer));
            }

            total = checked(total + count);
            if (count > best)
            {
                best = count;
                leader = answer;
                tied = false;
            }
            else if (count == best && count > 0)
            {
                tied = true;
            }
        }

        var agreement = total == 0 ? 0 : best / (double)total;
        var leading = tied ? null : leader;
        var threshold = Thresholds.FirstOrDefault(t => total >= t.MinVotes && total <= t.MaxVotes);
        if (threshold is not null && leading is not null && best >= (threshold.RequiredAgreement * total) - Slack)
        {
            return new RetirementDecision(true, RetirementReason.EarlyConsensus, total, leading, agreement);
        }

        if (total >= MaxVotes)
        {
            return new RetirementDecision(true, RetirementReason.VoteLimit, total, leading, agreement);
        }

        return new RetirementDecision(false, RetirementReason.None, total, leading, agreement);
    }
}

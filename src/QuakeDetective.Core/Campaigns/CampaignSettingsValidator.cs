using System.Globalization;
using QuakeDetective.Core.Consensus;
using QuakeDetective.Core.Domain;

namespace QuakeDetective.Core.Campaigns;

/// <summary>
/// Checks campaign settings and returns every problem at once, each with the field it belongs to and what to do, so that
/// an editor can show them beside the fields. Facts from the database (other names, subjects' sampling rates, votes per
/// answer) come in a <see cref="CampaignValidationContext"/>, which keeps this class free of I/O.
/// </summary>
public static class CampaignSettingsValidator
{
    public const int MaxNameLength = 200;

    public const int MaxDescriptionLength = 4000;

    public const int MaxChoiceLength = 100;

    public const int MaxRulesLength = 500;

    /// <summary>
    /// Highest speed-up accepted whatever the data: beyond it even 10 Hz data would have to be rendered at more than
    /// 1 MHz before resampling (<see cref="MaxNativeAudioHz"/>).
    /// </summary>
    public const double MaxSpeedUp = 100_000;

    /// <summary>
    /// Data rate × speed-up is the sound's rate before it is resampled to 8–48 kHz. Below 1 kHz a window becomes
    /// minutes of near-silent rumble that must be upsampled thousands of times; above 1 MHz the rendering wastes most
    /// of its work and every audible frequency comes from a sliver of the data's band.
    /// </summary>
    public const double MinNativeAudioHz = 1_000;

    /// <inheritdoc cref="MinNativeAudioHz"/>
    public const double MaxNativeAudioHz = 1_000_000;

    /// <summary>Every problem with <paramref name="input"/>; empty when it may be stored.</summary>
    public static IReadOnlyList<CampaignFieldError> Validate(CampaignSettingsInput input, CampaignValidationContext context)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(context);
        var errors = new List<CampaignFieldError>();
        void Add(string field, string message) => errors.Add(new CampaignFieldError(field, message));

        ValidateName(input.Name, context, Add);
        if ((input.Description ?? string.Empty).Trim().Length > MaxDescriptionLength)
        {
            Add(nameof(input.Description), $"The description is {input.Description!.Trim().Length} characters long; at most {MaxDescriptionLength} are allowed.");
        }

        if (!Enum.IsDefined(input.Status))
        {
            Add(nameof(input.Status), $"Status {(int)input.Status} is unknown; choose Active, Paused or Finished.");
        }

        ValidateChoices(input.AnswerChoices, context, Add);
        ValidateRetirement(input, Add);
        ValidateAudio(input, context, Add);

        if (input.FixedAmplitudeLimit is { } limit && !(double.IsFinite(limit) && limit > 0))
        {
            Add(nameof(input.FixedAmplitudeLimit), $"The fixed amplitude limit must be a positive number of counts (got {Format(limit)}); leave it empty to scale each subject to its own peak.");
        }

        Share(input.RandomShare, nameof(input.RandomShare), "The random share", Add);
        Share(input.GoldRateNewcomer, nameof(input.GoldRateNewcomer), "The newcomers' gold rate", Add);
        Share(input.GoldRateExperienced, nameof(input.GoldRateExperienced), "The experienced volunteers' gold rate", Add);
        if (input.NewcomerClassifications is < 0 or > 100_000)
        {
            Add(nameof(input.NewcomerClassifications), $"The newcomer stage must last between 0 and 100000 answers (got {input.NewcomerClassifications}).");
        }

        if (!AggregationMethods.All.Contains((input.PrimaryConsensusMethod ?? string.Empty).Trim(), StringComparer.OrdinalIgnoreCase))
        {
            Add(nameof(input.PrimaryConsensusMethod), $"Unknown consensus method '{input.PrimaryConsensusMethod}'; choose one of: {string.Join(", ", AggregationMethods.All)}.");
        }

        return errors;
    }

    /// <summary>The answer choices as they are stored: trimmed, blank lines dropped, order kept.</summary>
    public static List<string> CleanChoices(IEnumerable<string?>? choices) =>
        [.. (choices ?? []).Select(c => (c ?? string.Empty).Trim()).Where(c => c.Length > 0)];

    private static void ValidateName(string? name, CampaignValidationContext context, Action<string, string> add)
    {
        var trimmed = (name ?? string.Empty).Trim();
        if (trimmed.Length == 0)
        {
            add(nameof(CampaignSettingsInput.Name), "Give the campaign a name.");
        }
        else if (trimmed.Length > MaxNameLength)
        {
            add(nameof(CampaignSettingsInput.Name), $"The name is {trimmed.Length} characters long; at most {MaxNameLength} are allowed.");
        }
        else if (trimmed.Any(char.IsControl))
        {
            add(nameof(CampaignSettingsInput.Name), "The name contains a control character (a tab, line break or similar); type it on one line.");
        }
        else if (context.OtherCampaignNames.FirstOrDefault(n => string.Equals(n, trimmed, StringComparison.OrdinalIgnoreCase)) is { } taken)
        {
            add(nameof(CampaignSettingsInput.Name), $"Another campaign is already called '{taken}'; choose another name.");
        }
    }

    private static void ValidateChoices(IReadOnlyList<string?>? raw, CampaignValidationContext context, Action<string, string> add)
    {
        const string field = nameof(CampaignSettingsInput.AnswerChoices);
        raw ??= [];

        // Blank entries in the middle of the list are mistakes; trailing empty lines of a text box are not.
        var lastFilled = -1;
        for (var i = 0; i < raw.Count; i++)
        {
            if (!string.IsNullOrWhiteSpace(raw[i]))
            {
                lastFilled = i;
            }
        }

        for (var i = 0; i < lastFilled; i++)
        {
            if (string.IsNullOrWhiteSpace(raw[i]))
            {
                add(field, $"Choice {i + 1} is blank; remove the empty line or type an answer.");
            }
        }

        var choices = CleanChoices(raw);
        if (choices.Count == 0)
        {
            add(field, "There are no answer choices; give at least two, one per line (e.g. Earthquake, Tremor, Noise, None of the above).");
            return;
        }

        if (choices.Count == 1)
        {
            add(field, $"There is only one answer choice ('{choices[0]}'); volunteers need at least two to choose between.");
        }

        var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < choices.Count; i++)
        {
            var choice = choices[i];
            if (choice.Length > MaxChoiceLength)
            {
                add(field, $"Choice {i + 1} ('{choice[..20]}…') is {choice.Length} characters long; at most {MaxChoiceLength} are allowed.");
            }

            if (choice.Any(char.IsControl))
            {
                add(field, $"Choice {i + 1} contains a control character; keep each answer on one line.");
            }

            if (seen.TryGetValue(choice, out var first))
            {
                add(field, $"Choice {i + 1} ('{choice}') repeats choice {first + 1}; each answer must be different (ignoring case).");
            }
            else
            {
                seen.Add(choice, i);
            }
        }

        // Stored votes and gold labels keep the answer's exact spelling: removing or renaming it would orphan them.
        foreach (var answer in context.VotesPerAnswer.Keys.Concat(context.GoldPerLabel.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            if (choices.Contains(answer, StringComparer.Ordinal))
            {
                continue;
            }

            var votes = context.VotesPerAnswer.GetValueOrDefault(answer);
            var gold = context.GoldPerLabel.GetValueOrDefault(answer);
            if (votes + gold == 0)
            {
                continue;
            }

            var what = string.Join(" and ", new[]
            {
                votes > 0 ? $"{votes} vote{(votes == 1 ? "" : "s")}" : null,
                gold > 0 ? $"{gold} gold label{(gold == 1 ? "" : "s")}" : null,
            }.Where(w => w is not null));
            add(field, $"'{answer}' cannot be removed or renamed: it already has {what} in this campaign. Keep it (spelled exactly so); you may reorder the choices.");
        }
    }

    private static void ValidateRetirement(CampaignSettingsInput input, Action<string, string> add)
    {
        if (input.MaxVotes < 1)
        {
            add(nameof(input.MaxVotes), $"Subjects must retire after at least 1 vote (got {input.MaxVotes}); the original project used 10.");
        }
        else if (input.MaxVotes > 10_000)
        {
            add(nameof(input.MaxVotes), $"Retiring after {input.MaxVotes} votes would keep subjects forever; use at most 10000.");
        }

        const string rulesField = nameof(CampaignSettingsInput.EarlyConsensusRules);
        var rules = (input.EarlyConsensusRules ?? string.Empty).Trim();
        if (rules.Length > MaxRulesLength)
        {
            add(rulesField, $"The early-consensus rules are {rules.Length} characters long; at most {MaxRulesLength} are allowed.");
            return;
        }

        if (rules.Length == 0)
        {
            if (input.EarlyConsensusEnabled)
            {
                add(rulesField, "Early consensus is on but no thresholds are given; write e.g. 4-5:1.0;6-7:0.8;8-10:0.7 or turn early consensus off.");
            }

            return;
        }

        IReadOnlyList<ConsensusThreshold> thresholds;
        try
        {
            thresholds = RetirementRule.ParseThresholds(rules);
        }
        catch (ArgumentException ex)
        {
            add(rulesField, ex.Message);
            return;
        }

        // The vote-limit problem is reported on its own field above; an unlimited rule here checks only the thresholds.
        var rule = new RetirementRule { MaxVotes = input.MaxVotes >= 1 ? input.MaxVotes : int.MaxValue, Thresholds = thresholds };
        foreach (var problem in rule.Validate())
        {
            add(rulesField, problem);
        }
    }

    private static void ValidateAudio(CampaignSettingsInput input, CampaignValidationContext context, Action<string, string> add)
    {
        var rates = context.SubjectSampleRates.Where(r => double.IsFinite(r) && r > 0).Distinct().Order().ToList();
        var lowOk = double.IsFinite(input.BandLowHz) && input.BandLowHz > 0;
        if (!lowOk)
        {
            add(nameof(input.BandLowHz), $"The band-pass low corner must be a positive frequency in Hz (got {Format(input.BandLowHz)}); the original project used 2 Hz.");
        }

        if (!double.IsFinite(input.BandHighHz) || input.BandHighHz <= 0)
        {
            add(nameof(input.BandHighHz), $"The band-pass high corner must be a positive frequency in Hz (got {Format(input.BandHighHz)}); the original project used 8 Hz.");
        }
        else if (lowOk && input.BandHighHz <= input.BandLowHz)
        {
            add(nameof(input.BandHighHz), $"The band-pass high corner ({Format(input.BandHighHz)} Hz) must be above the low corner ({Format(input.BandLowHz)} Hz).");
        }
        else if (rates.Count > 0 && input.BandHighHz >= rates[0] / 2)
        {
            var slow = rates.Where(r => input.BandHighHz >= r / 2).ToList();
            add(nameof(input.BandHighHz),
                $"The band-pass high corner ({Format(input.BandHighHz)} Hz) is not below the Nyquist frequency of this campaign's subjects sampled at " +
                $"{string.Join(", ", slow.Select(r => Format(r) + " Hz"))} (Nyquist {Format(rates[0] / 2)} Hz); choose a high corner below {Format(rates[0] / 2)} Hz.");
        }

        if (!double.IsFinite(input.SpeedUp) || input.SpeedUp <= 0)
        {
            add(nameof(input.SpeedUp), $"The speed-up must be a positive number (got {Format(input.SpeedUp)}); 400 plays 40 Hz data at 16 kHz.");
            return;
        }

        if (input.SpeedUp > MaxSpeedUp)
        {
            add(nameof(input.SpeedUp), $"A speed-up of {Format(input.SpeedUp)} is more than the {Format(MaxSpeedUp)} allowed; 200–1600 suits seismic data.");
            return;
        }

        foreach (var rate in rates)
        {
            var native = rate * input.SpeedUp;
            if (native < MinNativeAudioHz || native > MaxNativeAudioHz)
            {
                add(nameof(input.SpeedUp),
                    $"Subjects sampled at {Format(rate)} Hz sped up {Format(input.SpeedUp)}× give sound at {Format(native)} Hz, which cannot be played well " +
                    $"(it must be {Format(MinNativeAudioHz)}–{Format(MaxNativeAudioHz)} Hz); try a speed-up near {Format(Math.Round(16_000 / rate))}.");
                return;
            }
        }
    }

    private static void Share(double value, string field, string what, Action<string, string> add)
    {
        if (!(double.IsFinite(value) && value >= 0 && value <= 1))
        {
            add(field, $"{what} must be a share between 0 and 1 (e.g. 0.1 for 10 %), got {Format(value)}.");
        }
    }

    private static string Format(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}

using QuakeDetective.Core.Campaigns;

namespace QuakeDetective.Core.Tests.Campaigns;

public sealed class CampaignSettingsValidatorTests
{
    private static readonly CampaignValidationContext FortyHzWithVotes = new(
        ["Existing campaign"],
        [40.0, 100.0],
        new Dictionary<string, int> { ["Earthquake"] = 12, ["Tremor"] = 3 },
        new Dictionary<string, int> { ["Noise"] = 2 });

    private static CampaignSettingsInput Valid() => new() { Name = "Chile 2010" };

    [Fact]
    public void Validate_Defaults_NoProblems()
    {
        Assert.Empty(CampaignSettingsValidator.Validate(Valid(), FortyHzWithVotes));
    }

    [Theory]
    [InlineData(0, "SpeedUp", "positive")]
    [InlineData(-400, "SpeedUp", "positive")]
    [InlineData(double.NaN, "SpeedUp", "positive")]
    [InlineData(1e9, "SpeedUp", "more than")]
    [InlineData(10, "SpeedUp", "40 Hz sped up 10× give sound at 400 Hz")]
    public void Validate_BadSpeedUp_NamesFieldAndReason(double speedUp, string field, string text)
    {
        var input = Valid();
        input.SpeedUp = speedUp;

        var error = Assert.Single(CampaignSettingsValidator.Validate(input, FortyHzWithVotes));

        Assert.Equal(field, error.Field);
        Assert.Contains(text, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_BandLowAboveHighAndAboveNyquist_BothReported()
    {
        var wrongOrder = Valid();
        (wrongOrder.BandLowHz, wrongOrder.BandHighHz) = (8, 2);
        var aboveNyquist = Valid();
        aboveNyquist.BandHighHz = 25;

        var order = Assert.Single(CampaignSettingsValidator.Validate(wrongOrder, FortyHzWithVotes));
        var nyquist = Assert.Single(CampaignSettingsValidator.Validate(aboveNyquist, FortyHzWithVotes));

        Assert.Equal("BandHighHz", order.Field);
        Assert.Contains("must be above the low corner (8 Hz)", order.Message, StringComparison.Ordinal);
        Assert.Equal("BandHighHz", nyquist.Field);
        Assert.Contains("Nyquist frequency of this campaign's subjects sampled at 40 Hz (Nyquist 20 Hz)", nyquist.Message, StringComparison.Ordinal);
        Assert.Empty(CampaignSettingsValidator.Validate(aboveNyquist, CampaignValidationContext.Empty)); // no subjects yet: no Nyquist
    }

    [Fact]
    public void Validate_ChoicesEmptyBlankDuplicateAndRemovedWithVotes_EveryProblemNamed()
    {
        var empty = Valid();
        empty.AnswerChoices = ["", "  "];
        var messy = Valid();
        messy.AnswerChoices = ["Earthquake", "", "noise", "NOISE", ""];

        var emptyErrors = CampaignSettingsValidator.Validate(empty, CampaignValidationContext.Empty);
        var messyErrors = CampaignSettingsValidator.Validate(messy, FortyHzWithVotes).Select(e => e.ToString()).ToList();

        Assert.Contains(emptyErrors, e => e is { Field: "AnswerChoices" } && e.Message.Contains("no answer choices", StringComparison.Ordinal));
        Assert.Contains("AnswerChoices: Choice 2 is blank; remove the empty line or type an answer.", messyErrors);
        Assert.Contains(messyErrors, e => e.Contains("Choice 3 ('NOISE') repeats choice 2", StringComparison.Ordinal));
        Assert.Contains(messyErrors, e => e.Contains("'Tremor' cannot be removed or renamed: it already has 3 votes", StringComparison.Ordinal));
        Assert.Contains(messyErrors, e => e.Contains("'Noise' cannot be removed or renamed: it already has 2 gold labels", StringComparison.Ordinal));
        Assert.DoesNotContain(messyErrors, e => e.Contains("'Earthquake' cannot", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_ReorderedChoicesWithVotes_Allowed()
    {
        var input = Valid();
        input.AnswerChoices = ["Noise", "Tremor", "Earthquake", "None of the above"];

        Assert.Empty(CampaignSettingsValidator.Validate(input, FortyHzWithVotes));
    }

    [Fact]
    public void Validate_RetirementSharesAndLimits_EachOnItsField()
    {
        var input = Valid();
        input.MaxVotes = 0;
        input.EarlyConsensusRules = "4-5:1.5;6-7:-0.1";
        input.RandomShare = 1.5;
        input.GoldRateNewcomer = -0.1;
        input.GoldRateExperienced = double.PositiveInfinity;
        input.FixedAmplitudeLimit = -5;
        input.Name = "  ";

        var errors = CampaignSettingsValidator.Validate(input, FortyHzWithVotes);

        Assert.Equal(
            ["Name", "MaxVotes", "EarlyConsensusRules", "EarlyConsensusRules", "FixedAmplitudeLimit", "RandomShare", "GoldRateNewcomer", "GoldRateExperienced"],
            errors.Select(e => e.Field));
        Assert.Contains("at least 1 vote (got 0)", errors[1].Message, StringComparison.Ordinal);
        Assert.Contains("at most 1", errors[2].Message, StringComparison.Ordinal);
        Assert.Contains("between 0 and 1", errors[5].Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("existing CAMPAIGN", "already called 'Existing campaign'")]
    [InlineData("bad\tname", "control character")]
    public void Validate_BadNames_Refused(string name, string text)
    {
        var input = Valid();
        input.Name = name;

        var error = Assert.Single(CampaignSettingsValidator.Validate(input, FortyHzWithVotes));

        Assert.Equal("Name", error.Field);
        Assert.Contains(text, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_UnreadableRules_MessageSaysWhichRule()
    {
        var input = Valid();
        input.EarlyConsensusRules = "4-5:1.0;six:0.8";

        var error = Assert.Single(CampaignSettingsValidator.Validate(input, FortyHzWithVotes));

        Assert.Equal("EarlyConsensusRules", error.Field);
        Assert.Contains("rule 2 'six:0.8'", error.Message, StringComparison.Ordinal);
    }
}

namespace QuakeDetective.Core.Consensus;

/// <summary>Where a volunteer's confusion matrix came from.</summary>
public enum VolunteerSkillSource
{
    /// <summary>Counts of the volunteer's answers on gold (expert-labelled) subjects.</summary>
    Gold,

    /// <summary>Expected counts under the Dawid–Skene posteriors (gold subjects count with their gold class).</summary>
    DawidSkene,
}

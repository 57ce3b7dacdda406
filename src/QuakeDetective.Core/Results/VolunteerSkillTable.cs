namespace QuakeDetective.Core.Results;

/// <summary>A page of the volunteer skill table.</summary>
public sealed record VolunteerSkillTable(IReadOnlyList<string> Classes, IReadOnlyList<VolunteerSkillRow> Rows, int Total, int Page, int PageSize, DateTime? DawidSkeneComputedAt)
{
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

namespace QuakeDetective.Core.Results;

/// <summary>A page of the filtered subject list.</summary>
public sealed record SubjectPage(IReadOnlyList<SubjectListItem> Items, int Total, int Page, int PageSize, string Method)
{
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

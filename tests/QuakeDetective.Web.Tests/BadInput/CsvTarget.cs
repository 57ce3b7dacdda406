namespace QuakeDetective.Web.Tests.BadInput;

/// <summary>The three CSV readers the catalogue attacks.</summary>
public enum CsvTarget
{
    /// <summary>Votes for `quake aggregate --votes`.</summary>
    Votes,

    /// <summary>Gold labels for POST /api/campaigns/{id}/gold.</summary>
    Gold,

    /// <summary>Events for the import form (and `quake import --events`).</summary>
    Events,
}

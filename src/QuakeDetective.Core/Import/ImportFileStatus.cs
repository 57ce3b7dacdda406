namespace QuakeDetective.Core.Import;

public enum ImportFileStatus
{
    /// <summary>Read, cut and stored; its subjects were created in one transaction.</summary>
    Imported = 0,

    /// <summary>The same content was imported into this campaign before (or appears twice in this import).</summary>
    AlreadyImported = 1,

    /// <summary>Readable, but no window could be made from it (too short, no vertical, too many gaps); not recorded, so it can be imported again with other settings.</summary>
    NoSubjects = 2,

    /// <summary>Unreadable or damaged (reported with the byte offset), or could not be stored; nothing of it was imported.</summary>
    Failed = 3,

    /// <summary>Not attempted: the import was cancelled first.</summary>
    NotStarted = 4,
}

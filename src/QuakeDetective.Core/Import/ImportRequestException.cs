namespace QuakeDetective.Core.Import;

/// <summary>The import cannot start: a bad setting, a missing path, an unknown campaign. The message says what to change.</summary>
public sealed class ImportRequestException(string message) : Exception(message);

namespace QuakeDetective.Cli;

/// <summary>A mistake of the user's (bad file, bad option value): printed as one line, never as a stack trace.</summary>
public sealed class CliUserException(string message, Exception? inner = null) : Exception(message, inner);

namespace QuakeDetective.Core.Exports;

/// <summary>One export of one campaign.</summary>
/// <param name="CampaignId">The campaign.</param>
/// <param name="Format">What to write.</param>
/// <param name="Method">Consensus method for the label columns (majority, weighted, dawid-skene); null = the campaign's primary method.</param>
/// <param name="PseudonymKey">Secret for volunteer pseudonyms; null draws a random one per export.</param>
public sealed record ExportRequest(int CampaignId, ExportFormat Format, string? Method = null, byte[]? PseudonymKey = null);

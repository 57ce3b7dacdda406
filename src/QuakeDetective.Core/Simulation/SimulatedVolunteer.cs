namespace QuakeDetective.Core.Simulation;

/// <summary>A simulated volunteer: their behaviour, relative activity and true P(answer | true class), row-major K×K.</summary>
public sealed record SimulatedVolunteer(string Id, SimulatedVolunteerKind Kind, double Activity, IReadOnlyList<double> TrueConfusion);

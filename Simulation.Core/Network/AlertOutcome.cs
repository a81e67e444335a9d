namespace Simulation.Core.Network;

/// <summary>Whether one alert fired in one replication, and when.</summary>
/// <param name="Id">The alert's id.</param>
/// <param name="Fired">Whether its condition held at some point of the measured period.</param>
/// <param name="FirstDay">
/// The first day it held: the time-series row's day, or the day of the exit that crossed the threshold;
/// null when it did not fire or when it watches an end-of-run value (a KPI or a supplier flow).
/// </param>
public sealed record AlertOutcome(string Id, bool Fired, double? FirstDay);

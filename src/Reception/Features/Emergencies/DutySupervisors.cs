using PropertyPlatform.Reception.Data;
using PropertyPlatform.Reception.Domain;
using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.ServiceDefaults.Staffing;

namespace PropertyPlatform.Reception.Features.Emergencies;

/// <summary>
/// Who answers for an estate at an instant (24-hour duty): the customer-service supervisor on hr-training's published duty
/// roster, kept here as the shared staff read model. hr-training rosters a supervisor as a person, without a gate post or a
/// trade, so an assignment is recognised by the staff member's position; they must still be employed that estate-local day.
/// </summary>
public static class DutySupervisors
{
    /// <summary>hr-training's position is free text: the role name, or it spelled out ("Customer service supervisor").</summary>
    public static readonly IReadOnlyList<string> Positions = [PlatformRoles.CustomerServiceSupervisor, "customer-service-supervisor"];

    /// <summary>The supervisor on duty in <paramref name="estate"/> at <paramref name="at"/> (the last to come on duty), or null when nobody is.</summary>
    public static async Task<DutySupervisor?> AtAsync(ReceptionDbContext db, Estate estate, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var onDuty = await StaffReadModel.OnDutyHoldingAsync(db, estate.Id, at, estate.Calendar().LocalDay(at), Positions, cancellationToken);
        return onDuty.FirstOrDefault() is { Staff: var supervisor } ? new DutySupervisor(supervisor.StaffId, supervisor.DisplayName) : null;
    }
}

using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.HrTraining.Features;

/// <summary>Who does what in hr-training, shared by its features.</summary>
internal static class HrTrainingRoles
{
    /// <summary>Keep employment files (hire, change, end): HR (the trainer role) and the estate manager.</summary>
    public static readonly string[] StaffKeepers = [PlatformRoles.Trainer, PlatformRoles.EstateManager];

    /// <summary>Grant, renew and revoke certifications: HR/training only, who run the training and exams behind them.</summary>
    public static readonly string[] Certifiers = [PlatformRoles.Trainer];

    /// <summary>Plan and publish duty rosters: the estate manager, the supervisors of the people on duty, and HR.</summary>
    public static readonly string[] RosterPlanners =
    [
        PlatformRoles.EstateManager, PlatformRoles.MaintenanceSupervisor, PlatformRoles.SecuritySupervisor,
        PlatformRoles.CustomerServiceSupervisor, PlatformRoles.Trainer,
    ];

    /// <summary>Read staff files, certifications and the expiry warnings: whoever keeps them or plans duty with them.</summary>
    public static readonly string[] Readers = [.. RosterPlanners];

    /// <summary>Everyone on the staff: signs in and out for themself, reads their own attendance, asks for leave.</summary>
    public static readonly string[] Staff = [.. PlatformRoles.Staff];

    /// <summary>Decide leave, register devices, read who tried to sign in for someone else: the supervisors and the estate manager.</summary>
    public static readonly string[] Supervisors =
    [
        PlatformRoles.EstateManager, PlatformRoles.MaintenanceSupervisor, PlatformRoles.SecuritySupervisor, PlatformRoles.CustomerServiceSupervisor,
    ];

    /// <summary>Issue the monthly attendance sheet: the estate manager and HR.</summary>
    public static readonly string[] SheetIssuers = [PlatformRoles.EstateManager, PlatformRoles.Trainer];
}

using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Reception.Data;
using PropertyPlatform.Reception.Domain;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.ServiceDefaults.Problems;
using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.Reception.Features.Households;

public sealed record PetInput(string? Kind, string? Name, string? Registration);

public sealed record VehicleInput(string? Plate, string? Description);

public sealed record EmergencyContactInput(string? Name, string? Relation, string? Phone);

/// <summary>The household's profile, replaced whole: pets, vehicles, emergency contacts and consent to be contacted.</summary>
public sealed record UpdateHouseholdCommand(PetInput[]? Pets, VehicleInput[]? Vehicles, EmergencyContactInput[]? EmergencyContacts, bool? ConsentToContact);

public sealed record HouseholdMemberResponse(Guid ResidentId, string FullName, ResidentKind Kind, string Phone, DateOnly MovedInOn);

public sealed record EmergencyContactResponse(string Name, string Relation, string Phone);

public sealed record HouseholdResponse(
    Guid EstateId,
    Guid UnitId,
    IReadOnlyList<HouseholdMemberResponse> Members,
    IReadOnlyList<HouseholdPet> Pets,
    IReadOnlyList<HouseholdVehicle> Vehicles,
    IReadOnlyList<EmergencyContactResponse> EmergencyContacts,
    bool ConsentToContact,
    DateTimeOffset? ConsentChangedAt,
    DateTimeOffset? UpdatedAt);

/// <summary>
/// Household profiles (住户档案): who lives in a unit now (its residents, family and tenants, from the move-ins), and
/// its pets, vehicles, emergency contacts and consent to contact. Read and kept by the desk and by the unit's owner;
/// phones masked as everywhere at reception; every change in the audit trail with personal data masked.
/// </summary>
public static class HouseholdsApi
{
    /// <summary>Nobody lives in a unit with more people than this at once.</summary>
    private const int ResidentsLimit = 100;

    public static RouteGroupBuilder MapHouseholdsApi(this RouteGroupBuilder api)
    {
        var household = api.MapGroup("/units/{unitId:guid}/household").WithTags("Household profiles").RequireRoles(ReceptionRoles.RequestRecorders);
        household.MapGet("/", Get);
        household.MapPut("/", Update);
        return api;
    }

    public static async Task<Ok<HouseholdResponse>> Get(
        Guid unitId, ReceptionDbContext db, EstateScope scope, CancellationToken cancellationToken)
    {
        var unit = await FindUnitAsync(db, scope, unitId, cancellationToken);
        var profile = await db.HouseholdProfiles.AsNoTracking().SingleOrDefaultAsync(p => p.UnitId == unitId, cancellationToken);
        return TypedResults.Ok(await ToResponseAsync(db, scope, unit, profile, cancellationToken));
    }

    public static async Task<Ok<HouseholdResponse>> Update(
        Guid unitId, UpdateHouseholdCommand command, ReceptionDbContext db, EstateScope scope, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var pets = Read(errors, command.Pets, "pets", (pet, field) => new HouseholdPet
        {
            Kind = errors.Text(pet.Kind, $"{field}.kind", maxLength: 50),
            Name = errors.Text(pet.Name, $"{field}.name", maxLength: 100),
            Registration = errors.OptionalText(pet.Registration, $"{field}.registration", maxLength: 50),
        });
        var vehicles = Read(errors, command.Vehicles, "vehicles", (vehicle, field) => new HouseholdVehicle
        {
            Plate = errors.Plate(vehicle.Plate, $"{field}.plate"),
            Description = errors.OptionalText(vehicle.Description, $"{field}.description", maxLength: 200),
        });
        var contacts = Read(errors, command.EmergencyContacts, "emergencyContacts", (contact, field) => new EmergencyContact
        {
            Name = errors.Text(contact.Name, $"{field}.name", maxLength: 200),
            Relation = errors.Text(contact.Relation, $"{field}.relation", maxLength: 50),
            Phone = errors.Phone(contact.Phone, $"{field}.phone"),
        });
        if (command.ConsentToContact is null)
        {
            errors.Add("consentToContact", "Required: whether the household consents to being contacted.");
        }

        errors.ThrowIfAny();
        var unit = await FindUnitAsync(db, scope, unitId, cancellationToken);
        scope.EnsureCanWrite(unit.EstateId, unit.Id);
        var now = time.GetUtcNow();
        var profile = await db.HouseholdProfiles.SingleOrDefaultAsync(p => p.UnitId == unitId, cancellationToken);
        if (profile is null)
        {
            profile = HouseholdProfile.For(unit.EstateId, unit.Id, now);
            db.HouseholdProfiles.Add(profile);
        }

        profile.Replace(pets, vehicles, contacts, command.ConsentToContact!.Value, scope.Account(), now);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(await ToResponseAsync(db, scope, unit, profile, cancellationToken));
    }

    private static List<T> Read<TInput, T>(InputErrors errors, TInput[]? inputs, string field, Func<TInput, string, T> read)
        where TInput : class
    {
        if (inputs is null)
        {
            return [];
        }

        if (inputs.Length > HouseholdProfile.MaxEntries)
        {
            errors.Add(field, $"At most {HouseholdProfile.MaxEntries}.");
            return [];
        }

        var values = new List<T>();
        for (var i = 0; i < inputs.Length; i++)
        {
            if (inputs[i] is not { } input)
            {
                errors.Add($"{field}[{i}]", "Required.");
                continue;
            }

            values.Add(read(input, $"{field}[{i}]"));
        }

        return values;
    }

    /// <summary>The unit, in the caller's estates; an owner only their own (another's is not found).</summary>
    private static async Task<Unit> FindUnitAsync(ReceptionDbContext db, EstateScope scope, Guid unitId, CancellationToken cancellationToken)
    {
        var unit = await db.Units.AsNoTracking().SingleOrDefaultAsync(u => u.Id == unitId, cancellationToken);
        if (unit is null || (scope.IsOwnerOnly && !scope.UnitIds.Contains(unitId)))
        {
            throw new NotFoundException("Unit", unitId);
        }

        return unit;
    }

    private static async Task<HouseholdResponse> ToResponseAsync(
        ReceptionDbContext db, EstateScope scope, Unit unit, HouseholdProfile? profile, CancellationToken cancellationToken)
    {
        var residents = await db.Residents.AsNoTracking()
            .Where(r => r.UnitId == unit.Id && r.MovedOutOn == null)
            .OrderBy(r => r.MovedInOn).ThenBy(r => r.Id)
            .Take(ResidentsLimit)
            .ToListAsync(cancellationToken);
        return new HouseholdResponse(
            unit.EstateId, unit.Id,
            [.. residents.Select(r => new HouseholdMemberResponse(r.Id, r.FullName, r.Kind, ReceptionRoles.ShownPhone(scope, r.Phone)!, r.MovedInOn))],
            profile?.Pets ?? [], profile?.Vehicles ?? [],
            [.. (profile?.EmergencyContacts ?? []).Select(c => new EmergencyContactResponse(c.Name, c.Relation, ReceptionRoles.ShownPhone(scope, c.Phone)!))],
            profile?.ConsentToContact ?? false, profile?.ConsentChangedAt, profile?.UpdatedAt);
    }
}

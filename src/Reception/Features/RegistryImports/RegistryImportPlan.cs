using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Reception.Data;
using PropertyPlatform.Reception.Domain;
using PropertyPlatform.Reception.Features.Registry;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.ServiceDefaults.Problems;

namespace PropertyPlatform.Reception.Features.RegistryImports;

public sealed record PlannedUnit(int Row, string BuildingCode, string Number, int Floor, decimal FloorArea, UnitUsage Usage, UnitStatus Status);

/// <summary>An owner of one or more units of the file (one row per unit, the same phone, name and ID number).</summary>
public sealed record PlannedOwner(string FullName, string Phone, string IdNumber, IReadOnlyList<(string BuildingCode, string Number)> Units);

/// <summary>
/// A checked import file: what it will create in the estate. Made only when every row passes the registry's rules,
/// with no duplicates inside the file or against what the estate already holds.
/// </summary>
public sealed class RegistryImportPlan
{
    private RegistryImportPlan(Guid estateId)
    {
        EstateId = estateId;
    }

    public Guid EstateId { get; }

    /// <summary>Building codes the estate has already, with their ids; new units may go into them.</summary>
    public Dictionary<string, Guid> ExistingBuildings { get; } = new(StringComparer.Ordinal);

    /// <summary>Buildings to create: code and name.</summary>
    public List<(string Code, string Name)> NewBuildings { get; } = [];

    public List<PlannedUnit> Units { get; } = [];

    public List<PlannedOwner> Owners { get; } = [];

    /// <summary>Checks <paramref name="rows"/> against the rules and the estate's registry; either a plan or every error.</summary>
    public static async Task<(RegistryImportPlan? Plan, IReadOnlyList<RowError> Errors)> PrepareAsync(
        ReceptionDbContext db, Guid estateId, IReadOnlyList<ImportRow> rows, CancellationToken cancellationToken)
    {
        var plan = new RegistryImportPlan(estateId);
        var errors = new List<RowError>();
        var buildingNames = new Dictionary<string, (string Name, int Row)>(StringComparer.Ordinal);
        var unitRows = new Dictionary<(string, string), int>();
        var owners = new Dictionary<string, (int Row, string FullName, string IdNumber, List<(string, string)> Units)>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var input = new InputErrors();
            var code = input.Text(row.BuildingCode, "buildingCode", maxLength: 32);
            var name = input.Text(row.BuildingName, "buildingName", maxLength: 200);
            var (number, floor, area, usage, status) = RegistryRules.Unit(
                input, row.Number, Integer(input, row.Floor, "floor"), Decimal(input, row.FloorArea, "floorArea"), row.Usage, row.Status);
            (string FullName, string Phone, string IdNumber)? owner = row.HasOwner
                ? RegistryRules.Owner(input, row.OwnerName, row.OwnerPhone, row.OwnerIdNumber, "ownerName", "ownerPhone", "ownerIdNumber")
                : null;
            var rowErrors = Collected(row.Row, input);
            errors.AddRange(rowErrors);
            if (rowErrors.Count > 0)
            {
                continue;
            }

            if (buildingNames.TryGetValue(code, out var building) && building.Name != name)
            {
                errors.Add(new(row.Row, "buildingName", $"Building '{code}' is named '{building.Name}' on row {building.Row}."));
                continue;
            }

            buildingNames.TryAdd(code, (name, row.Row));
            if (!unitRows.TryAdd((code, number), row.Row))
            {
                errors.Add(new(row.Row, "number", $"Unit {number} of building '{code}' is on row {unitRows[(code, number)]} already."));
                continue;
            }

            plan.Units.Add(new PlannedUnit(row.Row, code, number, floor, area, usage, status));
            if (owner is { } o)
            {
                if (!owners.TryGetValue(o.Phone, out var known))
                {
                    owners[o.Phone] = (row.Row, o.FullName, o.IdNumber, [(code, number)]);
                }
                else if (known.FullName != o.FullName || known.IdNumber != o.IdNumber)
                {
                    errors.Add(new(row.Row, "ownerPhone", $"The phone number belongs to a different owner on row {known.Row}."));
                }
                else
                {
                    known.Units.Add((code, number));
                }
            }
        }

        await CheckAgainstRegistryAsync(db, plan, buildingNames, unitRows, owners.ToDictionary(o => o.Key, o => o.Value.Row), errors, cancellationToken);
        if (errors.Count > 0)
        {
            return (null, [.. errors.OrderBy(e => e.Row).ThenBy(e => e.Column, StringComparer.Ordinal)]);
        }

        plan.NewBuildings.AddRange(buildingNames.Where(b => !plan.ExistingBuildings.ContainsKey(b.Key)).Select(b => (b.Key, b.Value.Name)));
        plan.Owners.AddRange(owners.Select(o => new PlannedOwner(o.Value.FullName, o.Key, o.Value.IdNumber, o.Value.Units)));
        return (plan, []);
    }

    /// <summary>Duplicates against the estate's registry: units that exist, owners already on the roster, renamed buildings.</summary>
    private static async Task CheckAgainstRegistryAsync(
        ReceptionDbContext db,
        RegistryImportPlan plan,
        Dictionary<string, (string Name, int Row)> buildings,
        Dictionary<(string, string), int> unitRows,
        Dictionary<string, int> ownerRows,
        List<RowError> errors,
        CancellationToken cancellationToken)
    {
        var codes = buildings.Keys.ToArray();
        var existing = await db.Buildings.AsNoTracking()
            .Where(b => b.EstateId == plan.EstateId && codes.Contains(b.Code))
            .Select(b => new { b.Id, b.Code, b.Name })
            .ToListAsync(cancellationToken);
        foreach (var building in existing)
        {
            plan.ExistingBuildings[building.Code] = building.Id;
            var (name, row) = buildings[building.Code];
            if (name != building.Name)
            {
                errors.Add(new(row, "buildingName", $"Building '{building.Code}' exists in this estate as '{building.Name}'."));
            }
        }

        var buildingIds = existing.Select(b => b.Id).ToArray();
        var codeOf = existing.ToDictionary(b => b.Id, b => b.Code);
        var existingUnits = await db.Units.AsNoTracking()
            .Where(u => buildingIds.Contains(u.BuildingId))
            .Select(u => new { u.BuildingId, u.Number })
            .ToListAsync(cancellationToken);
        foreach (var unit in existingUnits)
        {
            if (unitRows.TryGetValue((codeOf[unit.BuildingId], unit.Number), out var row))
            {
                errors.Add(new(row, "number", $"Unit {unit.Number} exists already in building '{codeOf[unit.BuildingId]}'."));
            }
        }

        var phones = ownerRows.Keys.ToArray();
        var registered = await db.Owners.AsNoTracking()
            .Where(o => o.EstateId == plan.EstateId && phones.Contains(o.Phone))
            .Select(o => o.Phone)
            .ToListAsync(cancellationToken);
        errors.AddRange(registered.Select(phone =>
            new RowError(ownerRows[phone], "ownerPhone", "An owner with this phone number is already registered in this estate.")));
    }

    private static int? Integer(InputErrors errors, string value, string field)
    {
        if (value.Length == 0)
        {
            return null;
        }

        if (int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed))
        {
            return parsed;
        }

        errors.Add(field, "Must be a whole number.");
        return 0;
    }

    private static decimal? Decimal(InputErrors errors, string value, string field)
    {
        if (value.Length == 0)
        {
            return null;
        }

        if (decimal.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var parsed))
        {
            return parsed;
        }

        errors.Add(field, "Must be a number with a decimal point, e.g. 89.55.");
        return 1;
    }

    /// <summary>The row's errors, as the shared rules reported them through <see cref="InputErrors"/>.</summary>
    private static List<RowError> Collected(int row, InputErrors input)
    {
        try
        {
            input.ThrowIfAny();
            return [];
        }
        catch (ValidationFailedException failed)
        {
            return [.. failed.Errors.SelectMany(e => e.Value.Select(message => new RowError(row, e.Key, message)))];
        }
    }
}

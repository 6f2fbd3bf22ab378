using PropertyPlatform.ServiceDefaults.Auditing;
using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.ServiceDefaults.Sla;

namespace PropertyPlatform.Reception.Domain;

/// <summary>
/// An estate of the group: its time zone (every local rule — "same day", "by 17:00", working hours — is evaluated
/// in it), its currency and its front desk's working hours.
/// </summary>
public sealed class Estate : IEstateOwned
{
    private Estate()
    {
    }

    public Guid Id { get; private set; }

    Guid IEstateOwned.EstateId => Id;

    public string Name { get; private set; } = "";

    /// <summary>IANA time zone id, e.g. <c>Asia/Shanghai</c>.</summary>
    public string TimeZoneId { get; private set; } = "";

    /// <summary>ISO 4217 code; one currency per estate.</summary>
    public string Currency { get; private set; } = "";

    public TimeOnly OpensAt { get; private set; }

    public TimeOnly ClosesAt { get; private set; }

    public List<DayOfWeek> WorkingDays { get; private set; } = [];

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>
    /// When the other services were first told of the estate; null for estates older than that announcement, which
    /// reception's start announces once.
    /// </summary>
    public DateTimeOffset? AnnouncedAt { get; private set; }

    /// <summary>The group's staffed hours of the online service (微客服), every day, unless the estate sets its own.</summary>
    public static readonly (TimeOnly Opens, TimeOnly Closes) DefaultOnlineServiceHours = (new(8, 0), new(22, 0));

    /// <summary>When the online service is staffed, every day, estate-local; null: the group's 08:00–22:00.</summary>
    public TimeOnly? OnlineServiceOpensAt { get; private set; }

    public TimeOnly? OnlineServiceClosesAt { get; private set; }

    public (TimeOnly Opens, TimeOnly Closes) OnlineServiceHours =>
        OnlineServiceOpensAt is { } opens && OnlineServiceClosesAt is { } closes ? (opens, closes) : DefaultOnlineServiceHours;

    /// <summary>The share of other requests called back, when the estate manager raised it above the group's 10 %.</summary>
    public decimal? CallbackSampleRate { get; private set; }

    public decimal SampleRate => CallbackSampleRate ?? CallbackSampler.Rate;

    public void ChangeCallbackSampleRate(decimal rate)
    {
        if (rate < CallbackSampler.Rate || rate > 1m)
        {
            throw new ArgumentOutOfRangeException(nameof(rate), rate, "At least the group's 10 %, at most all.");
        }

        CallbackSampleRate = rate;
    }

    public void ChangeOnlineServiceHours(TimeOnly opensAt, TimeOnly closesAt)
    {
        if (closesAt <= opensAt)
        {
            throw new ArgumentException("The online service closes after it opens, the same day.", nameof(closesAt));
        }

        (OnlineServiceOpensAt, OnlineServiceClosesAt) = (opensAt, closesAt);
    }

    /// <summary>The online service's hours as a calendar: owners' messages are answered within its staffed time.</summary>
    public EstateCalendar OnlineServiceCalendar() => new(
        TimeZoneInfo.FindSystemTimeZoneById(TimeZoneId),
        Enum.GetValues<DayOfWeek>().ToDictionary(day => day, _ => new WorkingDay(OnlineServiceHours.Opens, OnlineServiceHours.Closes)));

    public static Estate Create(Guid id, string name, string timeZoneId, string currency, TimeOnly opensAt, TimeOnly closesAt,
        IEnumerable<DayOfWeek> workingDays, DateTimeOffset at) => new()
        {
            Id = id,
            Name = name,
            TimeZoneId = timeZoneId,
            Currency = currency,
            OpensAt = opensAt,
            ClosesAt = closesAt,
            WorkingDays = [.. workingDays.Distinct().Order()],
            CreatedAt = at,
        };

    public void MarkAnnounced(DateTimeOffset at) => AnnouncedAt ??= at;

    /// <summary>New working hours or time zone; the currency stays, since everything billed so far is in it.</summary>
    public void ChangeCalendar(string timeZoneId, TimeOnly opensAt, TimeOnly closesAt, IEnumerable<DayOfWeek> workingDays)
    {
        TimeZoneId = timeZoneId;
        OpensAt = opensAt;
        ClosesAt = closesAt;
        WorkingDays = [.. workingDays.Distinct().Order()];
    }

    public EstateCalendar Calendar() => new(
        TimeZoneInfo.FindSystemTimeZoneById(TimeZoneId),
        WorkingDays.ToDictionary(day => day, _ => new WorkingDay(OpensAt, ClosesAt)));
}

public sealed class Building : IEstateOwned
{
    private Building()
    {
    }

    public Guid Id { get; private set; }

    public Guid EstateId { get; private set; }

    /// <summary>The building's code on site, e.g. <c>3</c> or <c>B2</c>; unique within the estate.</summary>
    public string Code { get; private set; } = "";

    public string Name { get; private set; } = "";

    public DateTimeOffset CreatedAt { get; private set; }

    public static Building Create(Guid estateId, string code, string name, DateTimeOffset at, Guid? id = null) =>
        new() { Id = id ?? Guid.CreateVersion7(at), EstateId = estateId, Code = code, Name = name, CreatedAt = at };
}

public enum UnitUsage
{
    Residential,
    Commercial,
    Parking,
    Storage,
}

public enum UnitStatus
{
    Vacant,
    Occupied,
    Renovating,
}

/// <summary>A unit (flat, shop, parking space): its floor area in m² is what the management fee is billed on.</summary>
public sealed class Unit : IEstateOwned
{
    private Unit()
    {
    }

    public Guid Id { get; private set; }

    public Guid EstateId { get; private set; }

    public Guid BuildingId { get; private set; }

    /// <summary>The unit's number in its building, e.g. <c>1201</c>; unique within the building.</summary>
    public string Number { get; private set; } = "";

    public int Floor { get; private set; }

    /// <summary>Floor area in m², exact to 0.01.</summary>
    public decimal FloorArea { get; private set; }

    public UnitUsage Usage { get; private set; }

    public UnitStatus Status { get; private set; }

    public DateTimeOffset RegisteredAt { get; private set; }

    public static Unit Register(
        Guid estateId, Guid buildingId, string number, int floor, decimal floorArea, UnitUsage usage, UnitStatus status, DateTimeOffset at, Guid? id = null) =>
        new()
        {
            RegisteredAt = at,
            Id = id ?? Guid.CreateVersion7(at),
            EstateId = estateId,
            BuildingId = buildingId,
            Number = number,
            Floor = floor,
            FloorArea = floorArea,
            Usage = usage,
            Status = status,
        };

    /// <summary>An approved renovation permit makes the unit a renovation site; returns the status to go back to.</summary>
    public UnitStatus StartRenovation()
    {
        var before = Status;
        Status = UnitStatus.Renovating;
        return before;
    }

    /// <summary>The renovation was accepted: the unit goes back to what it was before the works.</summary>
    public void EndRenovation(UnitStatus restoredStatus) =>
        Status = restoredStatus == UnitStatus.Renovating ? UnitStatus.Occupied : restoredStatus;

    /// <summary>Someone lives here (a move-in): occupied, even if it was being renovated.</summary>
    public void MarkOccupied() => Status = UnitStatus.Occupied;

    /// <summary>The last resident moved out: vacant again, unless the unit is being renovated.</summary>
    public void MarkVacated()
    {
        if (Status == UnitStatus.Occupied)
        {
            Status = UnitStatus.Vacant;
        }
    }
}

/// <summary>An owner of one or more units of an estate (the owner roster). Phone and ID number are personal data.</summary>
public sealed class Owner : IEstateOwned
{
    private Owner()
    {
    }

    public Guid Id { get; private set; }

    public Guid EstateId { get; private set; }

    public string FullName { get; private set; } = "";

    [PrivateData]
    public string Phone { get; private set; } = "";

    [PrivateData]
    public string IdNumber { get; private set; } = "";

    public List<Guid> UnitIds { get; private set; } = [];

    public DateTimeOffset RegisteredAt { get; private set; }

    public static Owner Register(
        Guid estateId, string fullName, string phone, string idNumber, IEnumerable<Guid> unitIds, DateTimeOffset at, Guid? id = null) => new()
    {
        Id = id ?? Guid.CreateVersion7(at),
        EstateId = estateId,
        FullName = fullName,
        Phone = phone,
        IdNumber = idNumber,
        UnitIds = [.. unitIds.Distinct()],
        RegisteredAt = at,
    };
}

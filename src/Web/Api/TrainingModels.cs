namespace PropertyPlatform.Web.Api;

/// <summary>A certification as hr-training returns it (CertificationResponse): exactly one of trade and post.</summary>
public sealed record CertificationView(
    Guid Id, Guid EstateId, Guid StaffId, string? Trade, string? Post, DateOnly ValidFrom, DateOnly ValidUntil, DateTimeOffset GrantedAt, string GrantedBy,
    DateTimeOffset? RenewedAt, DateTimeOffset? RevokedAt, string? RevocationReason);

/// <summary>One line of the expiry warning list (within 30 days, in the estate's time).</summary>
public sealed record ExpiringCertificationView(CertificationView Certification, string StaffName, int DaysLeft);

public sealed record CourseView(
    Guid Id, Guid EstateId, string Title, string Category, string? Trade, string? Post, int PassMark, int MaxAttempts, bool RequiresPracticalCheck,
    int ValidityMonths);

public sealed record SessionView(Guid Id, Guid EstateId, Guid CourseId, DateTimeOffset StartsAt, string Trainer);

/// <summary>An enrolment; <c>Outcome</c> is <c>Enrolled</c> while open, then <c>Passed</c> or <c>Failed</c>.</summary>
public sealed record EnrolmentView(
    Guid Id, Guid SessionId, Guid CourseId, Guid StaffId, bool? Attended, int ExamAttempts, int? BestScore, bool ExamPassed, bool? PracticalPassed,
    string? PracticalSignedBy, string Outcome, Guid? CertificationId);

public sealed record SessionEnrolmentView(EnrolmentView Enrolment, string StaffName);

public sealed record SheetRowView(
    Guid StaffId, string Name, string Department, int Shifts, int Attended, int OnTime, int Late, int MinutesLate, int LeftEarly, int MissedSignOut,
    int OnLeave, int Absent, decimal? OnTimeRate);

public sealed record DepartmentRankView(int Rank, string Department, int Staff, int Shifts, int OnTime, int Late, int Absent, int OnLeave, decimal? OnTimeRate);

/// <summary>The month's attendance sheet and department ranking (the on-duty table is in the XLSX only).</summary>
public sealed record AttendanceSheetView(
    Guid EstateId, string Month, DateTimeOffset? DueAt, DateTimeOffset? IssuedAt, bool IssuedInTime, IReadOnlyList<SheetRowView> Rows,
    IReadOnlyList<DepartmentRankView> Ranking);

/// <summary>
/// A new course (hr-training's CreateCourseCommand): at most one of trade and post, the duty a pass certifies; what is
/// typed goes as it is, and hr-training says what each field may be, next to it.
/// </summary>
public sealed record CreateCourseBody(
    Guid EstateId, string? Title, string? Category, string? Trade, string? Post, int? PassMark, int? MaxAttempts, bool RequiresPracticalCheck,
    int? ValidityMonths);

/// <summary>A session of a course at <c>StartsAt</c>, the estate's wall clock as <c>yyyy-MM-ddTHH:mm</c> (no offset).</summary>
public sealed record ScheduleSessionBody(Guid CourseId, string? StartsAt);

public sealed record EnrolBody(Guid? StaffId);

/// <summary>An employment file as hr-training's staff roster returns it (StaffResponse), the fields the console shows.</summary>
public sealed record StaffView(Guid StaffId, string DisplayName, string Position, string[] Trades, Guid HomeEstateId, Guid[] EstateIds, string Status);

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PropertyPlatform.Contracts.Reception;
using PropertyPlatform.Reception.Data;
using PropertyPlatform.Reception.Domain;
using PropertyPlatform.Reception.Features.Attachments;
using PropertyPlatform.Reception.Features.Requests;
using PropertyPlatform.ServiceDefaults.Photos;
using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.TestSupport;
using PropertyPlatform.TestSupport.Auth;

namespace PropertyPlatform.Reception.Tests.Features.Attachments;

public sealed class AttachmentsApiTests(ReceptionService reception) : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // Every test runs in a registered estate of its own, mostly as one clerk of that estate.
    private Guid _estateId;
    private Guid[] _units = [];
    private TestCaller _clerk = null!;

    public async ValueTask InitializeAsync()
    {
        (_estateId, _units) = await reception.NewEstateAsync(units: 2);
        _clerk = TestCaller.Clerk(_estateId);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private HttpClient Clerk => field ??= reception.CreateClient(_clerk);

    private static byte[] Jpeg(int length = 2048)
    {
        var bytes = new byte[length];
        Random.Shared.NextBytes(bytes);
        byte[] header = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 0x00, 0x01];
        header.CopyTo(bytes, 0);
        return bytes;
    }

    private static byte[] WithHeader(ReadOnlySpan<byte> header, int length = 1024)
    {
        var bytes = new byte[length];
        Random.Shared.NextBytes(bytes);
        header.CopyTo(bytes);
        return bytes;
    }

    private static MultipartFormDataContent Form(Guid? estateId, byte[]? file, string? contentType = "image/jpeg", string fileName = "leak.jpg")
    {
        var form = new MultipartFormDataContent();
        if (estateId is not null)
        {
            form.Add(new StringContent(estateId.Value.ToString()), "estateId");
        }

        if (file is not null)
        {
            var part = new ByteArrayContent(file);
            if (contentType is not null)
            {
                part.Headers.ContentType = new MediaTypeHeaderValue(contentType);
            }

            form.Add(part, "file", fileName);
        }

        return form;
    }

    private async Task<AttachmentResponse> UploadAsync(HttpClient client, byte[]? file = null, string contentType = "image/jpeg")
    {
        using var form = Form(_estateId, file ?? Jpeg(), contentType);
        var response = await client.PostAsync("/api/reception/attachments", form, Ct);
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        return (await response.Content.ReadFromJsonAsync<AttachmentResponse>(ApiJson.Options, Ct))!;
    }

    private object Repair(IEnumerable<Guid> attachmentIds, Guid? unitId = null, string category = "repair") => new
    {
        estateId = _estateId,
        unitId = unitId ?? _units[0],
        channel = "app",
        category,
        description = "Water leaking from the ceiling",
        requesterName = "Zhang Min",
        attachmentIds,
    };

    private async Task<RequestResponse> RecordAsync(HttpClient client, IEnumerable<Guid> attachmentIds, Guid? unitId = null)
    {
        var response = await client.PostAsJsonAsync("/api/reception/requests", Repair(attachmentIds, unitId), Ct);
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        return (await response.Content.ReadFromJsonAsync<RequestResponse>(ApiJson.Options, Ct))!;
    }

    private static Guid[] AttachmentIdsOf(string payload) =>
        JsonSerializer.Deserialize<RepairRequested>(payload, ApiJson.Options)!.AttachmentIds!;

    private Task<T> InDbAsync<T>(Func<ReceptionDbContext, Task<T>> query) =>
        reception.InScopeAsync(sp => query(sp.GetRequiredService<ReceptionDbContext>()));

    private Task<int> RequestsStoredAsync() => InDbAsync(db => db.Requests.CountAsync(r => r.EstateId == _estateId, Ct));

    private Task<int> UploadsStoredAsync() => InDbAsync(db => db.Attachments.CountAsync(a => a.EstateId == _estateId, Ct));

    [Fact]
    public async Task Photos_named_by_a_repair_are_claimed_listed_served_and_sent_on_to_maintenance()
    {
        var first = Jpeg();
        var second = WithHeader([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var uploadedFirst = await UploadAsync(Clerk, first);
        var uploadedSecond = await UploadAsync(Clerk, second, "image/png");
        uploadedFirst.RequestId.Should().BeNull();
        uploadedFirst.ContentType.Should().Be("image/jpeg");
        uploadedFirst.Length.Should().Be(first.Length);

        var request = await RecordAsync(Clerk, [uploadedFirst.Id, uploadedSecond.Id]);

        var listed = await Clerk.GetFromJsonAsync<List<AttachmentResponse>>($"/api/reception/requests/{request.Id}/attachments", ApiJson.Options, Ct);
        listed!.Select(a => a.Id).Should().Equal(uploadedFirst.Id, uploadedSecond.Id);
        listed.Should().OnlyContain(a => a.RequestId == request.Id);
        var served = await Clerk.GetAsync($"/api/reception/requests/{request.Id}/attachments/{uploadedSecond.Id}", Ct);
        served.StatusCode.Should().Be(HttpStatusCode.OK);
        served.Content.Headers.ContentType!.MediaType.Should().Be("image/png");
        (await served.Content.ReadAsByteArrayAsync(Ct)).Should().Equal(second);

        var outbox = await InDbAsync(db => db.OutboxMessages.ToListAsync(Ct));
        var repair = outbox.Should().ContainSingle(m => m.Payload.Contains(request.Id.ToString(), StringComparison.Ordinal)).Subject;
        AttachmentIdsOf(repair.Payload).Should().Equal(uploadedFirst.Id, uploadedSecond.Id);
    }

    [Fact]
    public async Task A_request_without_photos_sends_an_empty_photo_list_to_maintenance()
    {
        var request = await RecordAsync(Clerk, []);

        var outbox = await InDbAsync(db => db.OutboxMessages.ToListAsync(Ct));
        var repair = outbox.Should().ContainSingle(m => m.Payload.Contains(request.Id.ToString(), StringComparison.Ordinal)).Subject;
        AttachmentIdsOf(repair.Payload).Should().BeEmpty();
        (await Clerk.GetFromJsonAsync<List<AttachmentResponse>>($"/api/reception/requests/{request.Id}/attachments", ApiJson.Options, Ct))
            .Should().BeEmpty();
    }

    public static TheoryData<string, byte[], string> AcceptedPhotos => new()
    {
        { "image/jpeg", Jpeg(), "image/jpeg" },
        { "application/octet-stream", WithHeader([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]), "image/png" },
        { "image/webp", WithHeader([.. "RIFF"u8, 0x24, 0, 0, 0, .. "WEBP"u8]), "image/webp" },
        { "image/heic", WithHeader([0, 0, 0, 0x18, .. "ftypheic"u8]), "image/heic" },
    };

    [Theory]
    [MemberData(nameof(AcceptedPhotos))]
    public async Task Jpeg_png_webp_and_heic_photos_are_accepted_and_typed_by_their_bytes(string sentAs, byte[] bytes, string stored)
    {
        using var form = Form(_estateId, bytes, sentAs);

        var response = await Clerk.PostAsync("/api/reception/attachments", form, Ct);

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        (await response.Content.ReadFromJsonAsync<AttachmentResponse>(ApiJson.Options, Ct))!.ContentType.Should().Be(stored);
    }

    public static TheoryData<string, byte[]> RefusedFiles => new()
    {
        // Not a photo, however it is labelled.
        { "image/jpeg", "<script>alert(1)</script> pretending to be a photo"u8.ToArray() },
        { "image/gif", WithHeader("GIF89a"u8) },
        // A photo, but not the one it claims to be.
        { "image/jpeg", WithHeader([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) },
        // Over 5 MB.
        { "image/jpeg", Jpeg((5 * 1024 * 1024) + 1) },
        { "image/jpeg", [] },
    };

    [Theory]
    [MemberData(nameof(RefusedFiles))]
    public async Task A_file_that_is_not_an_accepted_photo_of_at_most_5_MB_is_refused_naming_the_file_and_nothing_is_stored(string sentAs, byte[] bytes)
    {
        using var form = Form(_estateId, bytes, sentAs);

        var response = await Clerk.PostAsync("/api/reception/attachments", form, Ct);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<ValidationProblemDetails>(Ct))!.Errors.Keys.Should().Equal("file");
        (await UploadsStoredAsync()).Should().Be(0);
    }

    [Fact]
    public async Task An_upload_without_estate_or_file_or_not_as_a_form_names_what_is_missing()
    {
        using var empty = Form(null, null);
        empty.Add(new StringContent("hello"), "note");
        var missing = await Clerk.PostAsync("/api/reception/attachments", empty, Ct);
        var json = await Clerk.PostAsJsonAsync("/api/reception/attachments", new { estateId = _estateId }, Ct);
        using var unknownEstate = Form(Guid.NewGuid(), Jpeg());
        var notInRegistry = await reception.CreateClient(TestCaller.GroupAdmin()).PostAsync("/api/reception/attachments", unknownEstate, Ct);

        (await missing.Content.ReadFromJsonAsync<ValidationProblemDetails>(Ct))!.Errors.Keys.Should().BeEquivalentTo(["estateId", "file"]);
        json.StatusCode.Should().Be(HttpStatusCode.UnsupportedMediaType, "photos come as multipart/form-data");
        (await notInRegistry.Content.ReadFromJsonAsync<ValidationProblemDetails>(Ct))!.Errors.Keys.Should().Equal("estateId");
        (await UploadsStoredAsync()).Should().Be(0);
    }

    [Fact]
    public async Task More_than_6_photos_or_one_named_twice_is_refused_naming_attachmentIds_and_nothing_is_stored()
    {
        var photos = new List<Guid>();
        for (var i = 0; i < 7; i++)
        {
            photos.Add((await UploadAsync(Clerk)).Id);
        }

        var seven = await Clerk.PostAsJsonAsync("/api/reception/requests", Repair(photos), Ct);
        var twice = await Clerk.PostAsJsonAsync("/api/reception/requests", Repair([photos[0], photos[0]]), Ct);

        (await seven.Content.ReadFromJsonAsync<ValidationProblemDetails>(Ct))!.Errors.Keys.Should().Equal("attachmentIds");
        (await twice.Content.ReadFromJsonAsync<ValidationProblemDetails>(Ct))!.Errors.Keys.Should().Equal("attachmentIds");
        (await RequestsStoredAsync()).Should().Be(0);
        (await InDbAsync(db => db.Attachments.CountAsync(a => a.EstateId == _estateId && a.RequestId != null, Ct))).Should().Be(0);
        (await RecordAsync(Clerk, photos.Take(6))).Should().NotBeNull("six is the limit");
    }

    [Fact]
    public async Task A_photo_belongs_to_one_request_only_a_second_claim_is_a_conflict()
    {
        var photo = await UploadAsync(Clerk);
        var first = await RecordAsync(Clerk, [photo.Id]);

        var second = await Clerk.PostAsJsonAsync("/api/reception/requests", Repair([photo.Id]), Ct);

        second.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await RequestsStoredAsync()).Should().Be(1, "the refused request stored nothing");
        var stored = await InDbAsync(db => db.Attachments.SingleAsync(a => a.Id == photo.Id, Ct));
        stored.RequestId.Should().Be(first.Id);
    }

    [Fact]
    public async Task Only_the_uploader_may_attach_a_photo_and_only_to_a_request_of_its_estate()
    {
        var (otherEstate, otherUnits) = await reception.NewEstateAsync();
        var otherClerksPhoto = await UploadAsync(reception.CreateClient(TestCaller.Clerk(_estateId)));
        var supervisor = TestCaller.Staff(PlatformRoles.CustomerServiceSupervisor, _estateId, otherEstate);
        var photoOfThisEstate = await UploadAsync(reception.CreateClient(supervisor));
        var unknown = Guid.NewGuid();

        var notMine = await Clerk.PostAsJsonAsync("/api/reception/requests", Repair([otherClerksPhoto.Id]), Ct);
        var wrongEstate = await reception.CreateClient(supervisor).PostAsJsonAsync("/api/reception/requests", new
        {
            estateId = otherEstate, unitId = otherUnits[0], channel = "phone", category = "repair", description = "Leak", requesterName = "Wang",
            attachmentIds = new[] { photoOfThisEstate.Id },
        }, Ct);
        var missing = await Clerk.PostAsJsonAsync("/api/reception/requests", Repair([unknown]), Ct);

        foreach (var refused in new[] { notMine, wrongEstate, missing })
        {
            refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
            (await refused.Content.ReadFromJsonAsync<ValidationProblemDetails>(Ct))!.Errors.Keys.Should().Equal("attachmentIds");
        }

        (await InDbAsync(db => db.Requests.CountAsync(r => r.EstateId == _estateId || r.EstateId == otherEstate, Ct))).Should().Be(0);
        (await InDbAsync(db => db.Attachments.CountAsync(a => a.RequestId != null && (a.Id == otherClerksPhoto.Id || a.Id == photoOfThisEstate.Id), Ct)))
            .Should().Be(0);
    }

    [Fact]
    public async Task Whoever_may_read_the_request_sees_its_photos_and_nobody_else()
    {
        var photo = await UploadAsync(Clerk);
        var request = await RecordAsync(Clerk, [photo.Id], _units[0]);
        var photoUrl = $"/api/reception/requests/{request.Id}/attachments/{photo.Id}";
        var listUrl = $"/api/reception/requests/{request.Id}/attachments";

        var technician = reception.CreateClient(TestCaller.Staff(PlatformRoles.Technician, _estateId));
        var ownerOfTheUnit = reception.CreateClient(TestCaller.Owner(_estateId, _units[0]));
        var ownerOfAnotherUnit = reception.CreateClient(TestCaller.Owner(_estateId, _units[1]));
        var clerkOfAnotherEstate = reception.CreateClient(TestCaller.Clerk(Guid.NewGuid()));
        var cashier = reception.CreateClient(TestCaller.Staff(PlatformRoles.Cashier, _estateId));

        (await technician.GetAsync(photoUrl, Ct)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await technician.GetFromJsonAsync<List<AttachmentResponse>>(listUrl, ApiJson.Options, Ct)).Should().ContainSingle();
        (await ownerOfTheUnit.GetAsync(photoUrl, Ct)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await ownerOfAnotherUnit.GetAsync(photoUrl, Ct)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await ownerOfAnotherUnit.GetAsync(listUrl, Ct)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await clerkOfAnotherEstate.GetAsync(photoUrl, Ct)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await clerkOfAnotherEstate.GetAsync(listUrl, Ct)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await cashier.GetAsync(photoUrl, Ct)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_photo_is_served_only_under_the_request_it_belongs_to()
    {
        var photo = await UploadAsync(Clerk);
        await RecordAsync(Clerk, [photo.Id]);
        var other = await RecordAsync(Clerk, []);
        var unclaimed = await UploadAsync(Clerk);

        (await Clerk.GetAsync($"/api/reception/requests/{other.Id}/attachments/{photo.Id}", Ct)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await Clerk.GetAsync($"/api/reception/requests/{other.Id}/attachments/{unclaimed.Id}", Ct)).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Technicians_cannot_upload_and_nobody_uploads_into_an_estate_they_are_not_assigned_to()
    {
        using var asTechnician = Form(_estateId, Jpeg());
        using var intoAnotherEstate = Form(_estateId, Jpeg());

        var technician = await reception.CreateClient(TestCaller.Staff(PlatformRoles.Technician, _estateId)).PostAsync("/api/reception/attachments", asTechnician, Ct);
        var stranger = await reception.CreateClient(TestCaller.Clerk(Guid.NewGuid())).PostAsync("/api/reception/attachments", intoAnotherEstate, Ct);

        technician.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        stranger.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await UploadsStoredAsync()).Should().Be(0);
    }

    [Fact]
    public async Task An_owner_attaches_their_own_photos_to_a_report_about_their_own_unit()
    {
        var owner = reception.CreateClient(TestCaller.Owner(_estateId, _units[1]));
        var photo = await UploadAsync(owner);

        var request = await RecordAsync(owner, [photo.Id], _units[1]);

        (await owner.GetFromJsonAsync<List<AttachmentResponse>>($"/api/reception/requests/{request.Id}/attachments", ApiJson.Options, Ct))!
            .Select(a => a.Id).Should().Equal(photo.Id);
    }

    [Fact]
    public async Task Uploads_left_unclaimed_for_a_day_are_removed_with_their_bytes_and_can_no_longer_be_claimed()
    {
        var now = DateTimeOffset.UtcNow;
        var (stale, staleForClaim) = await InDbAsync(async db =>
        {
            var old = Attachment.Upload(_estateId, _clerk.Subject, "old.jpg", PhotoFormats.Jpeg, 3, now.AddHours(-25));
            var oldToo = Attachment.Upload(_estateId, _clerk.Subject, "old2.jpg", PhotoFormats.Jpeg, 3, now.AddHours(-25));
            db.AddRange(old, oldToo, AttachmentContent.For(old, [0xFF, 0xD8, 0xFF]), AttachmentContent.For(oldToo, [0xFF, 0xD8, 0xFF]));
            await db.SaveChangesAsync(Ct);
            return (old.Id, oldToo.Id);
        });
        var fresh = await UploadAsync(Clerk);
        var claimed = await UploadAsync(Clerk);
        await RecordAsync(Clerk, [claimed.Id]);

        var expiredClaim = await Clerk.PostAsJsonAsync("/api/reception/requests", Repair([staleForClaim]), Ct);
        (await expiredClaim.Content.ReadFromJsonAsync<ValidationProblemDetails>(Ct))!.Errors.Keys.Should().Equal("attachmentIds");

        await InDbAsync(db => UnclaimedPhotos.RemoveExpiredAsync<Attachment>(db, DateTimeOffset.UtcNow, Ct));

        var left = await InDbAsync(db => db.Attachments.Where(a => a.EstateId == _estateId).Select(a => a.Id).ToListAsync(Ct));
        left.Should().BeEquivalentTo([fresh.Id, claimed.Id]);
        (await InDbAsync(db => db.AttachmentContents.CountAsync(c => c.AttachmentId == stale || c.AttachmentId == staleForClaim, Ct)))
            .Should().Be(0, "the bytes go with the attachment");
    }
}

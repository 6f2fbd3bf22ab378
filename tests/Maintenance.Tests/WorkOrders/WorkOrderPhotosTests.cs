using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PropertyPlatform.Contracts.Maintenance;
using PropertyPlatform.Maintenance.Data;
using PropertyPlatform.Maintenance.Domain;
using PropertyPlatform.Maintenance.Features.WorkOrders;
using PropertyPlatform.Maintenance.Tests.Support;
using PropertyPlatform.ServiceDefaults.Photos;
using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.TestSupport;
using PropertyPlatform.TestSupport.Auth;

namespace PropertyPlatform.Maintenance.Tests.WorkOrders;

public sealed class WorkOrderPhotosTests(MaintenanceService maintenance)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static byte[] Jpeg(int length = 2048)
    {
        var bytes = new byte[length];
        Random.Shared.NextBytes(bytes);
        byte[] header = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 0x00, 0x01];
        header.CopyTo(bytes, 0);
        return bytes;
    }

    private static async Task<HttpResponseMessage> PostPhotoAsync(HttpClient client, Guid workOrderId, byte[] file, string contentType = "image/jpeg")
    {
        using var form = new MultipartFormDataContent();
        var part = new ByteArrayContent(file);
        part.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        form.Add(part, "file", "valve.jpg");
        return await client.PostAsync($"/api/maintenance/work-orders/{workOrderId}/photos", form, Ct);
    }

    private static async Task<WorkOrderPhotoResponse> UploadAsync(HttpClient client, Guid workOrderId, byte[]? file = null)
    {
        var response = await PostPhotoAsync(client, workOrderId, file ?? Jpeg());
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        return (await response.Content.ReadFromJsonAsync<WorkOrderPhotoResponse>(ApiJson.Options, Ct))!;
    }

    private static CompleteWorkOrderCommand Completion(params Guid[] photoIds) => new([], 30, TestDone: true, SiteCleaned: true, "Valve replaced", photoIds);

    private Task<T> InDbAsync<T>(Func<MaintenanceDbContext, Task<T>> action) =>
        maintenance.InScopeAsync(sp => action(sp.GetRequiredService<MaintenanceDbContext>()));

    private Task<int> PhotoCountAsync(Guid workOrderId) =>
        InDbAsync(db => db.WorkOrderPhotos.IgnoreQueryFilters().CountAsync(p => p.WorkOrderId == workOrderId, Ct));

    [Fact]
    public async Task The_completion_claims_the_photos_uploaded_to_its_order_which_are_listed_served_and_announced()
    {
        var world = await new MaintenanceWorld(maintenance).AnnouncedAsync();
        var (order, plumber) = await world.OnSiteAsync();
        var technician = world.Technician(plumber);
        var before = Jpeg();
        var beforePhoto = await UploadAsync(technician, order.Id, before);
        var afterPhoto = await UploadAsync(world.Supervisor, order.Id);

        var response = await technician.PostAsJsonAsync($"/api/maintenance/work-orders/{order.Id}/complete", Completion(beforePhoto.Id, afterPhoto.Id), ApiJson.Options, Ct);

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        var completed = (await response.Content.ReadFromJsonAsync<WorkOrderResponse>(ApiJson.Options, Ct))!;
        completed.CompletionPhotoIds.Should().Equal(beforePhoto.Id, afterPhoto.Id);
        (await world.GetAsync(order.Id)).CompletionPhotoIds.Should().Equal(beforePhoto.Id, afterPhoto.Id);
        var owner = maintenance.CreateClient(TestCaller.Owner(world.EstateId, order.UnitId!.Value));
        var listed = await owner.GetFromJsonAsync<List<WorkOrderPhotoResponse>>($"/api/maintenance/work-orders/{order.Id}/photos", ApiJson.Options, Ct);
        listed!.Select(p => p.Id).Should().Equal(beforePhoto.Id, afterPhoto.Id);
        listed.Should().OnlyContain(p => p.ClaimedAt != null && p.ContentType == PhotoFormats.Jpeg);
        var served = await owner.GetAsync($"/api/maintenance/work-orders/{order.Id}/photos/{beforePhoto.Id}", Ct);
        served.Content.Headers.ContentType!.MediaType.Should().Be("image/jpeg");
        (await served.Content.ReadAsByteArrayAsync(Ct)).Should().Equal(before);
        (await world.OutboxCountAsync<WorkOrderCompleted>(afterPhoto.Id)).Should().Be(1, "the completion announces its photos");
    }

    [Fact]
    public async Task A_file_that_is_not_a_photo_of_at_most_5_MB_is_refused_naming_the_file_and_nothing_is_stored()
    {
        var world = await new MaintenanceWorld(maintenance).AnnouncedAsync();
        var (order, plumber) = await world.OnSiteAsync();
        var technician = world.Technician(plumber);

        var pdf = await PostPhotoAsync(technician, order.Id, "%PDF-1.7\n%\0\0\0\0\0"u8.ToArray(), "application/pdf");
        var tooLarge = await PostPhotoAsync(technician, order.Id, Jpeg((int)UploadedPhoto.MaxBytes + 1));
        var mislabelled = await PostPhotoAsync(technician, order.Id, Jpeg(), "image/png");

        foreach (var response in new[] { pdf, tooLarge, mislabelled })
        {
            response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
            (await response.Content.ReadFromJsonAsync<ValidationProblemDetails>(Ct))!.Errors.Keys.Should().Equal("file");
        }

        (await PhotoCountAsync(order.Id)).Should().Be(0);
    }

    [Fact]
    public async Task Only_the_assigned_technician_or_a_maintenance_supervisor_of_the_estate_adds_photos()
    {
        var world = await new MaintenanceWorld(maintenance).AnnouncedAsync();
        var (order, _) = await world.OnSiteAsync();
        var otherTechnician = world.Technician(Guid.NewGuid());
        var clerk = maintenance.CreateClient(TestCaller.Clerk(world.EstateId));
        var otherEstatesSupervisor = maintenance.CreateClient(TestCaller.Staff(PlatformRoles.MaintenanceSupervisor, Guid.NewGuid()));

        (await PostPhotoAsync(otherTechnician, order.Id, Jpeg())).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await PostPhotoAsync(clerk, order.Id, Jpeg())).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await PostPhotoAsync(otherEstatesSupervisor, order.Id, Jpeg())).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await PostPhotoAsync(world.Supervisor, Guid.NewGuid(), Jpeg())).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await PhotoCountAsync(order.Id)).Should().Be(0);

        await UploadAsync(world.Supervisor, order.Id);
        (await PhotoCountAsync(order.Id)).Should().Be(1);
    }

    [Fact]
    public async Task Photos_are_read_by_the_estates_staff_and_the_owner_of_the_unit_and_nobody_else()
    {
        var world = await new MaintenanceWorld(maintenance).AnnouncedAsync();
        var (order, plumber) = await world.OnSiteAsync();
        var photo = await UploadAsync(world.Technician(plumber), order.Id);
        (await world.Technician(plumber).PostAsJsonAsync($"/api/maintenance/work-orders/{order.Id}/complete", Completion(photo.Id), ApiJson.Options, Ct))
            .EnsureSuccessStatusCode();
        var photoPath = $"/api/maintenance/work-orders/{order.Id}/photos/{photo.Id}";

        var clerk = maintenance.CreateClient(TestCaller.Clerk(world.EstateId));
        var otherEstatesClerk = maintenance.CreateClient(TestCaller.Clerk(Guid.NewGuid()));
        var anotherOwner = maintenance.CreateClient(TestCaller.Owner(world.EstateId, Guid.NewGuid()));

        (await clerk.GetAsync(photoPath, Ct)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await otherEstatesClerk.GetAsync(photoPath, Ct)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await otherEstatesClerk.GetAsync($"/api/maintenance/work-orders/{order.Id}/photos", Ct)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await anotherOwner.GetAsync(photoPath, Ct)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await anotherOwner.GetAsync($"/api/maintenance/work-orders/{order.Id}/photos", Ct)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await clerk.GetAsync($"/api/maintenance/work-orders/{Guid.NewGuid()}/photos/{photo.Id}", Ct)).StatusCode
            .Should().Be(HttpStatusCode.NotFound, "a photo is served only under the order it belongs to");
    }

    [Fact]
    public async Task A_completion_naming_a_photo_not_uploaded_to_its_order_is_refused_naming_photoIds_and_nothing_changes()
    {
        var world = await new MaintenanceWorld(maintenance).AnnouncedAsync();
        var (order, plumber) = await world.OnSiteAsync();
        var (otherOrder, otherPlumber) = await world.OnSiteAsync();
        var othersPhoto = await UploadAsync(world.Technician(otherPlumber), otherOrder.Id);
        var own = await UploadAsync(world.Technician(plumber), order.Id);

        var response = await world.Technician(plumber).PostAsJsonAsync(
            $"/api/maintenance/work-orders/{order.Id}/complete", Completion(own.Id, othersPhoto.Id, Guid.NewGuid()), ApiJson.Options, Ct);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<ValidationProblemDetails>(Ct))!.Errors.Keys.Should().Equal("photoIds");
        (await world.GetAsync(order.Id)).Status.Should().Be(WorkOrderStatus.OnSite);
        (await InDbAsync(db => db.WorkOrderPhotos.IgnoreQueryFilters().CountAsync(p => p.ClaimedAt != null && (p.Id == own.Id || p.Id == othersPhoto.Id), Ct)))
            .Should().Be(0);
    }

    [Fact]
    public async Task Uploads_no_completion_named_for_a_day_are_removed_with_their_bytes_and_named_ones_are_kept()
    {
        var world = await new MaintenanceWorld(maintenance).AnnouncedAsync();
        var (order, plumber) = await world.OnSiteAsync();
        var technician = world.Technician(plumber);
        var claimed = await UploadAsync(technician, order.Id);
        var fresh = await UploadAsync(technician, order.Id);
        var forgotten = await InDbAsync(async db =>
        {
            var workOrder = await db.WorkOrders.IgnoreQueryFilters().SingleAsync(w => w.Id == order.Id, Ct);
            var upload = new PhotoUpload("old.jpg", PhotoFormats.Jpeg, Jpeg(16));
            var old = WorkOrderPhoto.Upload(workOrder, plumber.ToString(), upload, DateTimeOffset.UtcNow.AddHours(-25));
            db.AddRange(old, WorkOrderPhotoContent.For(old, upload.Data));
            await db.SaveChangesAsync(Ct);
            return old.Id;
        });
        (await technician.PostAsJsonAsync($"/api/maintenance/work-orders/{order.Id}/complete", Completion(claimed.Id), ApiJson.Options, Ct))
            .EnsureSuccessStatusCode();

        await InDbAsync(db => UnclaimedPhotos.RemoveExpiredAsync<WorkOrderPhoto>(db, DateTimeOffset.UtcNow, Ct));

        (await InDbAsync(db => db.WorkOrderPhotos.IgnoreQueryFilters().Where(p => p.WorkOrderId == order.Id).Select(p => p.Id).ToListAsync(Ct)))
            .Should().BeEquivalentTo([claimed.Id, fresh.Id]);
        (await InDbAsync(db => db.WorkOrderPhotoContents.IgnoreQueryFilters().CountAsync(c => c.PhotoId == forgotten, Ct)))
            .Should().Be(0, "the bytes go with the photo");
    }
    [Fact]
    public async Task The_photo_tables_come_from_a_migration_the_model_has_no_change_without_one()
    {
        await InDbAsync(async db =>
        {
            (await db.Database.GetPendingMigrationsAsync(Ct)).Should().BeEmpty();
            db.Database.HasPendingModelChanges().Should().BeFalse("every change of the model comes with its migration");
            (await db.Database.GetAppliedMigrationsAsync(Ct)).Should().Contain(m => m.EndsWith("_WorkOrderPhotos", StringComparison.Ordinal));
            return true;
        });
    }
}

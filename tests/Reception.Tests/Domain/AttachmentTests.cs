using PropertyPlatform.Reception.Domain;
using PropertyPlatform.ServiceDefaults.Photos;

namespace PropertyPlatform.Reception.Tests.Domain;

public sealed class AttachmentTests
{
    private static readonly DateTimeOffset UploadedAt = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    private static readonly Guid Estate = Guid.NewGuid();

    private static Attachment NewUpload() => Attachment.Upload(Estate, "clerk-1", "leak.jpg", PhotoFormats.Jpeg, 1234, UploadedAt);

    [Fact]
    public void A_photo_belongs_to_one_request_only()
    {
        var photo = NewUpload();
        var requestId = Guid.NewGuid();

        photo.ClaimFor(requestId, UploadedAt.AddMinutes(1));

        photo.RequestId.Should().Be(requestId);
        photo.IsClaimableBy("clerk-1", Estate, UploadedAt.AddMinutes(2)).Should().BeFalse();
        var again = () => photo.ClaimFor(Guid.NewGuid(), UploadedAt.AddMinutes(2));
        again.Should().Throw<InvalidOperationException>();
        photo.RequestId.Should().Be(requestId);
    }

    [Fact]
    public void Only_its_uploader_may_claim_a_photo_and_only_in_its_estate_and_within_a_day()
    {
        var photo = NewUpload();

        photo.IsClaimableBy("clerk-1", Estate, UploadedAt.AddDays(1)).Should().BeTrue();
        photo.IsClaimableBy("clerk-2", Estate, UploadedAt.AddMinutes(1)).Should().BeFalse();
        photo.IsClaimableBy("clerk-1", Guid.NewGuid(), UploadedAt.AddMinutes(1)).Should().BeFalse();
        photo.IsClaimableBy("clerk-1", Estate, UploadedAt.AddDays(1).AddSeconds(1)).Should().BeFalse();
    }

    [Fact]
    public void A_claimed_photo_never_expires()
    {
        var photo = NewUpload();
        photo.ClaimFor(Guid.NewGuid(), UploadedAt.AddHours(1));

        photo.IsExpired(UploadedAt.AddDays(30)).Should().BeFalse();
    }
}

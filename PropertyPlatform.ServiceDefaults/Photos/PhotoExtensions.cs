using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.DependencyInjection;

namespace PropertyPlatform.ServiceDefaults.Photos;

public static class PhotoExtensions
{
    /// <summary>Removes <typeparamref name="TPhoto"/> uploads left unclaimed for a day, hourly.</summary>
    public static IServiceCollection AddUnclaimedPhotoCleanup<TContext, TPhoto>(this IServiceCollection services)
        where TContext : DbContext
        where TPhoto : UploadedPhoto =>
        services.AddHostedService<UnclaimedPhotoCleanup<TContext, TPhoto>>();

    /// <summary>
    /// The columns every service's photos share, and the index the cleanup reads (unclaimed uploads, oldest first).
    /// Each service adds its own key to the record the photo shows.
    /// </summary>
    public static EntityTypeBuilder<TPhoto> IsUploadedPhoto<TPhoto>(this EntityTypeBuilder<TPhoto> photo, string table)
        where TPhoto : UploadedPhoto
    {
        photo.ToTable(table);
        photo.HasKey(p => p.Id);
        photo.Property(p => p.UploadedBy).HasMaxLength(200);
        photo.Property(p => p.FileName).HasMaxLength(200);
        photo.Property(p => p.ContentType).HasMaxLength(64);
        photo.Property(p => p.Version).IsRowVersion();
        photo.HasIndex(p => p.UploadedAt).HasFilter("claimed_at IS NULL").HasDatabaseName($"ix_{table}_unclaimed");
        return photo;
    }
}

using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

namespace MultiPhone.Functions.Auth;

public static class AuthRegistration
{
    public static IServiceCollection AddApiAuthentication(this IServiceCollection services)
    {
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<TokenIssuer>();
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).Configure<IOptions<AuthOptions>>((jwt, auth) =>
        {
            var settings = auth.Value;
            jwt.MapInboundClaims = false;
            jwt.Authority = string.IsNullOrEmpty(settings.Authority) ? null : settings.Authority;
            jwt.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = settings.Issuer,
                ValidAudience = settings.Audience,
                IssuerSigningKey = string.IsNullOrEmpty(settings.SigningKey) ? null : TokenIssuer.SigningKey(settings.SigningKey),
                NameClaimType = "sub",
                RoleClaimType = Caller.RoleClaim,
                ClockSkew = TimeSpan.FromMinutes(1),
            };
        });
        services.AddAuthorization();
        return services;
    }
}

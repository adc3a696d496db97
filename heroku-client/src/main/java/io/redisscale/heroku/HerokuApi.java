package io.redisscale.heroku;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.eclipse.microprofile.rest.client.annotation.ClientHeaderParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * The Heroku Platform API calls the services make (configured as {@code quarkus.rest-client.heroku}).
 * Answers are read raw, through {@link HerokuAnswer#exchange}, to see status and headers.
 */
@RegisterRestClient(configKey = "heroku")
@ClientHeaderParam(name = "Accept", value = "application/vnd.heroku+json; version=3")
@Consumes("application/json")
public interface HerokuApi {

    @GET
    @Path("/apps/{app}/addons")
    Response listAddons(@HeaderParam("Authorization") String authorization, @PathParam("app") String app);

    @GET
    @Path("/apps/{app}/addons/{addon}")
    Response getAddon(@HeaderParam("Authorization") String authorization, @PathParam("app") String app,
                      @PathParam("addon") String addon);

    @GET
    @Path("/apps/{app}/config-vars")
    Response configVars(@HeaderParam("Authorization") String authorization, @PathParam("app") String app);

    @PATCH
    @Path("/apps/{app}/addons/{addon}")
    Response changePlan(@HeaderParam("Authorization") String authorization, @PathParam("app") String app,
                        @PathParam("addon") String addon, Map<String, String> body);
}

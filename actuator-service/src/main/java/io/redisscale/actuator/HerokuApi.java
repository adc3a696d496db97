package io.redisscale.actuator;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.eclipse.microprofile.rest.client.annotation.ClientHeaderParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The calls of the Heroku Platform API the actuator makes; answers are read raw to see status and headers. */
@RegisterRestClient(configKey = "heroku")
@ClientHeaderParam(name = "Accept", value = "application/vnd.heroku+json; version=3")
@Consumes("application/json")
interface HerokuApi {

    @GET
    @Path("/apps/{app}/addons")
    Response listAddons(@HeaderParam("Authorization") String authorization, @PathParam("app") String app);

    @GET
    @Path("/apps/{app}/addons/{addon}")
    Response getAddon(@HeaderParam("Authorization") String authorization, @PathParam("app") String app,
                      @PathParam("addon") String addon);

    @PATCH
    @Path("/apps/{app}/addons/{addon}")
    Response changePlan(@HeaderParam("Authorization") String authorization, @PathParam("app") String app,
                        @PathParam("addon") String addon, Map<String, String> body);
}

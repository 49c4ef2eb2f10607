package io.jiebang.events;

/** Where on the map, in WGS 84 degrees (as Open311 and phones give it): latitude -90 to 90, longitude -180 to 180. */
public record GeoPoint(double latitude, double longitude) {
}

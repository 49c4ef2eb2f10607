package io.jiebang.console.readmodel;

/** A kind of matter and its class in the three-class taxonomy (三事分流). */
public record CategoryView(String code, String name, String nameEn, String classCode, String className,
                           String classNameEn) {
}

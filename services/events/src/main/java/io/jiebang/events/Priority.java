package io.jiebang.events;

public enum Priority {
    LOW, NORMAL, HIGH, URGENT
}

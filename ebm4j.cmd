@echo off
rem ebm4j command line on Windows without `mvn exec`: runs io.ebm4j.cli.Main with java on target\classes and
rem target\lib\*. Builds once (mvn -q -B package -DskipTests) when target\classes or target\lib is missing; after
rem editing the sources run that build yourself (or delete target\). See the bash script ./ebm4j for the options.
rem   ebm4j.cmd --help | list | settings NAME | reproduce NAME [--set key=value ...] [--out DIR] [--threads N]
setlocal
set "ROOT=%~dp0"
set "ROOT=%ROOT:~0,-1%"
if not exist "%ROOT%\target\classes\io\ebm4j" goto build
if not exist "%ROOT%\target\lib" goto build
goto run
:build
where mvn >nul 2>nul || (echo ebm4j: target\classes is missing and Maven ^(mvn^) is not on PATH; install Maven 3.8+ and a JDK 17+ 1>&2 & exit /b 2)
echo ebm4j: building (mvn -q -B package -DskipTests) ... 1>&2
pushd "%ROOT%"
call mvn -q -B package -DskipTests -Dmaven.javadoc.skip=true -Dmaven.source.skip=true %EBM4J_MAVEN_ARGS% 1>&2
set "RC=%ERRORLEVEL%"
popd
if not "%RC%"=="0" (echo ebm4j: the build failed ^(see above^) 1>&2 & exit /b 2)
:run
set "JAVA=java"
if defined JAVA_HOME if exist "%JAVA_HOME%\bin\java.exe" set "JAVA=%JAVA_HOME%\bin\java.exe"
rem --engine spark: SPARK_HOME\jars (Spark 3.5, Scala 2.13) joins the class path, with the options Spark needs on Java 17
set "CP=%ROOT%\target\classes;%ROOT%\target\lib\*"
set "SPARK_OPTS="
echo %* | findstr /C:"--engine spark" >nul
if errorlevel 1 goto run_java
if not defined SPARK_HOME (
  echo ebm4j: --engine spark needs Apache Spark 3.5 for Scala 2.13: download spark-3.5.*-bin-hadoop3-scala2.13.tgz 1>&2
  echo from https://spark.apache.org/downloads.html, unpack it, set SPARK_HOME to that folder and run again. 1>&2
  exit /b 2
)
set "CP=%CP%;%SPARK_HOME%\jars\*"
set "SPARK_OPTS=--add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/sun.nio.cs=ALL-UNNAMED --add-opens=java.base/sun.security.action=ALL-UNNAMED --add-opens=java.base/sun.util.calendar=ALL-UNNAMED --add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED -Djdk.reflect.useDirectMethodHandle=false"
:run_java
"%JAVA%" -Djava.awt.headless=true -Dorg.slf4j.simpleLogger.defaultLogLevel=warn --add-modules=jdk.incubator.vector %SPARK_OPTS% %EBM4J_JAVA_OPTS% -cp "%CP%" io.ebm4j.cli.Main %*
exit /b %ERRORLEVEL%
